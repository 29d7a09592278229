#!/usr/bin/env python3
"""Writes 'paroxysmal' test recordings: PhysioNet 2017 records (N, O and A, drawn at random)
concatenated into long two-lead WFDB format-16 recordings at another sampling rate, with the true
rhythm of every stretch in segments.csv (record,start_s,end_s,label,source_record).

This stands in for Holter databases with AF episodes (e.g. 200 Hz, two leads), which cannot be
reached from here: a model that scores a 10-s span by what lies around it in the recording, or a
detector that takes one threshold for a whole recording, loses AUROC on these spans while the
same source records scored one by one do not. Score with segment_span_auroc.py.

usage: paroxysmal_mix.py SRC_DIR DST_DIR [--recordings 40] [--parts 10] [--fs 200] [--seed 7]
                         [--equalise] [--same-record]
"""
import argparse
import os
import random
import struct

from wfdb_resample import read_mat4, resample


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('src')
    ap.add_argument('dst')
    ap.add_argument('--recordings', type=int, default=40)
    ap.add_argument('--parts', type=int, default=10, help='source records per recording')
    ap.add_argument('--fs', type=float, default=200.0)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--equalise', action='store_true', help='scale every part to the same median absolute deviation')
    ap.add_argument('--same-record', action='store_true', help='repeat one source record (a control: no other rhythm around a span)')
    a = ap.parse_args()
    random.seed(a.seed)
    labels = dict(line.strip().split(',') for line in open(os.path.join(a.src, 'REFERENCE.csv')) if ',' in line)
    by_label = {c: sorted(n for n, l in labels.items() if l == c) for c in 'NAO'}
    os.makedirs(a.dst, exist_ok=True)
    with open(os.path.join(a.dst, 'segments.csv'), 'w') as seg, open(os.path.join(a.dst, 'REFERENCE.csv'), 'w') as ref:
        for k in range(a.recordings):
            name = 'px%03d' % k
            y, t = [], 0.0
            label = source = None
            for part in range(a.parts):
                if source is None or not a.same_record:
                    label = random.choice('NNOAA')
                    source = random.choice(by_label[label])
                x = resample(read_mat4(os.path.join(a.src, source + '.mat')), 300.0, a.fs)
                if a.equalise:
                    med = sorted(x)[len(x) // 2]
                    mad = sorted(abs(v - med) for v in x)[len(x) // 2] or 1.0
                    x = [(v - med) * 200.0 / mad for v in x]
                seg.write('%s,%.3f,%.3f,%s,%s\n' % (name, t, t + len(x) / a.fs, label, source))
                y += x
                t += len(x) / a.fs
            leads = [y, [0.6 * v + 150 for v in y]]
            clip = lambda v: max(-32767, min(32767, int(round(v))))
            with open(os.path.join(a.dst, name + '.dat'), 'wb') as dat:
                dat.write(b''.join(struct.pack('<2h', clip(p), clip(q)) for p, q in zip(*leads)))
            with open(os.path.join(a.dst, name + '.hea'), 'w') as hea:
                hea.write('%s 2 %g %d\n' % (name, a.fs, len(y)))
                for i in range(2):
                    hea.write('%s.dat 16 1000/mV 16 0 0 0 0 %s\n' % (name, 'ECG' if i == 0 else 'ECG2'))
            ref.write('%s,~\n' % name)


if __name__ == '__main__':
    main()
