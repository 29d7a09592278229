#!/usr/bin/env python3
"""Writes PhysioNet 2017 records as WFDB format-16 records at another sampling rate (and,
optionally, another gain, polarity or as a two-lead record), with their labels in REFERENCE.csv.

Used to check that a model trained on the 300-Hz AliveCor data scores recordings of other devices
(e.g. 200 Hz Holter data) the same way: `dacl predict` reads the written folder like any WFDB
dataset. Resampling is linear interpolation after a 3-tap smoothing, enough below 40 Hz where the
model's band-pass keeps the ECG.

usage: wfdb_resample.py SRC_DIR DST_DIR --records LIST.txt [--fs 200] [--gain-scale 1] [--invert]
                        [--two-lead]
"""
import argparse
import os
import struct


def read_mat4(path):
    with open(path, 'rb') as f:
        data = f.read()
    mtype, mrows, ncols, imagf, namlen = struct.unpack('<5i', data[:20])
    start = 20 + namlen
    n = mrows * ncols
    if mtype % 100 // 10 == 3:  # int16 (PhysioNet 2017)
        return list(struct.unpack('<%dh' % n, data[start:start + 2 * n]))
    return [int(round(v)) for v in struct.unpack('<%dd' % n, data[start:start + 8 * n])]


def resample(x, fs_in, fs_out):
    if fs_in == fs_out:
        return list(x)
    smooth = [x[0]] + [(x[i - 1] + 2 * x[i] + x[i + 1]) / 4.0 for i in range(1, len(x) - 1)] + [x[-1]]
    n_out = int(len(x) * fs_out / fs_in)
    out = []
    for k in range(n_out):
        t = k * fs_in / fs_out
        i = int(t)
        f = t - i
        j = min(i + 1, len(x) - 1)
        out.append(smooth[i] * (1 - f) + smooth[j] * f)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('src')
    ap.add_argument('dst')
    ap.add_argument('--records', required=True, help='file with one record name per line')
    ap.add_argument('--fs', type=float, default=200.0)
    ap.add_argument('--gain-scale', type=float, default=1.0, help='multiply the physical amplitude')
    ap.add_argument('--invert', action='store_true', help='flip the polarity')
    ap.add_argument('--two-lead', action='store_true', help='second lead = 0.6 x the first plus its mean')
    a = ap.parse_args()
    os.makedirs(a.dst, exist_ok=True)
    labels = dict(line.strip().split(',') for line in open(os.path.join(a.src, 'REFERENCE.csv')) if ',' in line)
    names = [line.strip() for line in open(a.records) if line.strip()]
    with open(os.path.join(a.dst, 'REFERENCE.csv'), 'w') as ref:
        for name in names:
            x = read_mat4(os.path.join(a.src, name + '.mat'))  # ADC units at 1000/mV
            sign = -1.0 if a.invert else 1.0
            y = [sign * a.gain_scale * v for v in resample(x, 300.0, a.fs)]
            leads = [y]
            if a.two_lead:
                leads.append([0.6 * v + 150 for v in y])
            clip = lambda v: max(-32767, min(32767, int(round(v))))
            with open(os.path.join(a.dst, name + '.dat'), 'wb') as dat:
                frames = zip(*leads)
                dat.write(b''.join(struct.pack('<%dh' % len(leads), *[clip(v) for v in fr]) for fr in frames))
            with open(os.path.join(a.dst, name + '.hea'), 'w') as hea:
                hea.write('%s %d %g %d\n' % (name, len(leads), a.fs, len(y)))
                for i, _ in enumerate(leads):
                    hea.write('%s.dat 16 1000/mV 16 0 0 0 0 %s\n' % (name, 'ECG' if i == 0 else 'ECG2'))
            ref.write('%s,%s\n' % (name, labels[name]))


if __name__ == '__main__':
    main()
