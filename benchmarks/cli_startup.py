"""How long does `ner-course` take to answer `--help`, and does it load TensorFlow? (issue 16: at most 2.5 s)

Runs each command as a new process, `--repeats` times, and reports the median and the fastest wall time, and whether
TensorFlow was imported (checked in a separate run of the same command in-process). Run it in the venv where
TensorFlow is installed (the README's test environment) to see that the PyTorch commands stay clear of it.

    python benchmarks/cli_startup.py                   # --help and predict --help, 5 runs each
    python benchmarks/cli_startup.py --json benchmarks/results/cli_startup.json
"""
import argparse, importlib.util, json, platform, shutil, statistics, subprocess, sys, time
from pathlib import Path

COMMANDS = (['--help'], ['predict', '--help'], ['train', '--help'], ['evaluate', '--help'], ['bench', '--help'])
PROBE = ("import sys\nfrom ner_course.cli import main\ntry: main(sys.argv[1:])\nexcept SystemExit: pass\n"
         "sys.stderr.write('TF-LOADED=%s\\n' % ('tensorflow' in sys.modules))")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--repeats', type=int, default=5)
    p.add_argument('--json', help='also write the results here')
    args = p.parse_args(argv)
    exe = shutil.which('ner-course') or sys.exit('ner-course is not on PATH: pip install -e . first.')
    rows = []
    for cmd in COMMANDS:
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            subprocess.run([exe, *cmd], capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        probe = subprocess.run([sys.executable, '-c', PROBE, *cmd], capture_output=True, text=True)
        tf = 'TF-LOADED=True' in probe.stderr
        rows.append(dict(command='ner-course ' + ' '.join(cmd), median_s=statistics.median(times), fastest_s=min(times), loads_tensorflow=tf))
        print(f"{rows[-1]['command']:<28} median {rows[-1]['median_s']:.2f} s, fastest {rows[-1]['fastest_s']:.2f} s, "
              f"TensorFlow loaded: {'yes' if tf else 'no'}")
    result = dict(rows=rows, target_s=2.5, tensorflow_installed=importlib.util.find_spec('tensorflow') is not None,
                  machine=dict(platform=platform.platform(), python=platform.python_version()))
    print(f"TensorFlow installed: {'yes' if result['tensorflow_installed'] else 'no'}; target: at most 2.5 s for --help")
    if args.json: Path(args.json).write_text(json.dumps(result, indent=2) + '\n')
    return result


if __name__ == '__main__':
    main()
