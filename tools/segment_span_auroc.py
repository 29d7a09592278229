#!/usr/bin/env python3
"""Span AUROC of `dacl predict` output on recordings written by paroxysmal_mix.py: every span
that lies inside one source record takes that record's label (AF or not); spans across a change
are counted only in the second figure (the label covering most of the span).

usage: segment_span_auroc.py SEGMENTS.csv PREDICT.csv [--lead 0]
"""
import argparse
import csv

from span_auroc import auroc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('segments')
    ap.add_argument('predictions')
    ap.add_argument('--lead', default='0')
    a = ap.parse_args()
    segments = {}
    for name, start, end, label, _ in csv.reader(open(a.segments)):
        segments.setdefault(name, []).append((float(start), float(end), label == 'A'))
    inside, inside_y, most, most_y = [], [], [], []
    for row in csv.DictReader(line for line in open(a.predictions) if not line.startswith('#')):
        if row['lead'] != a.lead or row['p'] in ('', 'nan') or row['record'] not in segments:
            continue
        s, e, p = float(row['start_s']), float(row['end_s']), float(row['p'])
        for start, end, af in segments[row['record']]:
            if max(0.0, min(e, end) - max(s, start)) >= 0.5 * (e - s):
                most.append(p)
                most_y.append(af)
            if start <= s and e <= end:
                inside.append(p)
                inside_y.append(af)
    print('spans inside one source record %d (%d AF): AUROC %.4f' % (len(inside), sum(inside_y), auroc(inside, inside_y)))
    print('every span, majority label %d (%d AF): AUROC %.4f' % (len(most), sum(most_y), auroc(most, most_y)))


if __name__ == '__main__':
    main()
