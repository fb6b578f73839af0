"""Probe: lines of frequent short English words (the word list of the Java TrainedModelTest / OnnxTranslatorTest englishText), N lines each of up to L characters; prints exact match, char accuracy, alignment. What model.json segment_len is chosen from.
    /usr/bin/python3 src/train/probe_common_words.py [checkpoint] [lengths, default 40,80,128] [lines per length, default 100]"""
import os, random, sys, torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train, evaluate, datagen
torch.set_num_threads(1)
W = ("the of and to in is you that it he was for on are as with his they at "
 "be this have from or one had by word but not what all were we when your can said there use an "
 "each which she do how their if will up other about out many then them these so some her would "
 "make like him into time has look two more write go see number no way could people my than first "
 "water been call who oil its now find long down day did get come made may part river, house. "
 "Morning! \"quoted\" (aside) 1999 well-known it's").split(" ")
m, cfg, meta = train.load(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "checkpoint", "wordrev.pt"))
rng = random.Random(1)
def sent(n):
    out = ""
    while True:
        w = rng.choice(W)
        if len(out) + len(w) + 1 > n: return out
        out = (out + " " + w) if out else w
lengths = [int(x) for x in sys.argv[2].split(",")] if len(sys.argv) > 2 else [40, 80, 128]
lines = int(sys.argv[3]) if len(sys.argv) > 3 else 100
for L in lengths:
    pairs = [(s, datagen.reverse_words(s)) for s in (sent(L) for _ in range(lines))]
    r = evaluate.evaluate_set(m, pairs)
    print(L, r['exact_match'], r['char_accuracy'], r['attention_alignment_rate'])
