#!/usr/bin/env python3
"""AUROC of `dacl predict` output against a REFERENCE.csv: per 10-s span (every span of a record
takes the record's label) and per record (the .summary.csv), for one lead or the combined row.

usage: span_auroc.py PREDICT.csv REFERENCE.csv [--positive A] [--negative N,O,~] [--lead 0|combined]
"""
import argparse
import csv


def auroc(scores, labels):
    pairs = sorted(zip(scores, labels))
    ranks = [0.0] * len(pairs)
    i = 0
    while i < len(pairs):  # average ranks over ties
        j = i
        while j + 1 < len(pairs) and pairs[j + 1][0] == pairs[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2.0 + 1
        i = j + 1
    pos = sum(1 for _, y in pairs if y)
    neg = len(pairs) - pos
    if pos == 0 or neg == 0:
        return float('nan')
    r = sum(rk for rk, (_, y) in zip(ranks, pairs) if y)
    return (r - pos * (pos + 1) / 2.0) / (pos * neg)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('predictions')
    ap.add_argument('reference')
    ap.add_argument('--positive', default='A')
    ap.add_argument('--negative', default='N,O,~')
    ap.add_argument('--lead', default='0')
    a = ap.parse_args()
    pos, neg = set(a.positive.split(',')), set(a.negative.split(','))
    label = {}
    for row in csv.reader(open(a.reference)):
        if len(row) >= 2 and (row[1] in pos or row[1] in neg):
            label[row[0]] = row[1] in pos

    def collect(path):
        s, y = [], []
        for row in csv.DictReader(line for line in open(path) if not line.startswith('#')):
            if row['record'] in label and row['lead'] == a.lead and row['p'] not in ('', 'nan'):
                s.append(float(row['p']))
                y.append(label[row['record']])
        return s, y

    s, y = collect(a.predictions)
    print('spans %d (%d positive): AUROC %.4f' % (len(s), sum(y), auroc(s, y)))
    summary = a.predictions[:-4] + '.summary.csv' if a.predictions.endswith('.csv') else a.predictions + '.summary.csv'
    s, y = collect(summary)
    print('records %d (%d positive): AUROC %.4f' % (len(s), sum(y), auroc(s, y)))


if __name__ == '__main__':
    main()
