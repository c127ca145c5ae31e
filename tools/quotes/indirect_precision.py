#!/usr/bin/env python3
"""Precision of reported (indirect) quotes against the gold indirect quotes.

Usage: python3 tools/quotes/indirect_precision.py GOLD.jsonl   (runs target/debug/quarry extract)

Predicted quotes with direct=false are matched to gold quotes (score.py's rule: overlap >= 50%
of the gold span, one-to-one, greedy by overlap). "indirect-gold" matches them against the gold
indirect quotes only (the figure reported in docs/quotes.md); "all-gold" against every gold quote.
"""
import json,sys,subprocess
gold=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]
out=subprocess.run(["target/debug/quarry","extract","--input-jsonl",sys.argv[1]],capture_output=True,text=True,check=True).stdout
pred={}
for l in out.splitlines():
    if l.strip():
        r=json.loads(l); pred[r["id"]]=r
def ov(a,b,c,d): return max(0,min(b,d)-max(a,c))
for mode in ["all-gold","indirect-gold"]:
    npred=nm=0
    for g in gold:
        gq=g.get("quotes",[])
        if mode=="indirect-gold": gq=[q for q in gq if not q.get("direct")]
        pq=[q for q in pred.get(g["id"],{}).get("quotes",[]) if not q.get("direct")]
        npred+=len(pq)
        c=[]
        for i,a in enumerate(gq):
            gl=max(1,a["end"]-a["start"])
            for j,b in enumerate(pq):
                o=ov(a["start"],a["end"],b["start"],b["end"])
                if 2*o>=gl: c.append((o,i,j))
        c.sort(reverse=True); ug=set(); up=set()
        for o,i,j in c:
            if i in ug or j in up: continue
            ug.add(i); up.add(j); nm+=1
    print(mode, f"indirect precision {nm/npred:.3f} ({nm}/{npred})")
