"""Entry point of the extraction child process: `python -m ... PATH` prints the result as JSON."""

import json
import resource
import sys

from .engine import FAILED, extract, result


def main(path):
    try:
        outcome = extract(path)
    except MemoryError:
        outcome = result(FAILED, "fichier PDF trop lourd : la limite de mémoire de l'extraction est atteinte")
    outcome["peak_memory_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump(outcome, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
