"""One French analyzer: the Python one (database engines) and the server's give the same tokens.

The seed texts and the text of every readable PDF of the shared corpus go through the
server's `_analyze` with the index analyzer generated from search.analysis, and through
search.analysis.terms; the two token lists must be equal, word for word.
"""

import csv
import uuid
from pathlib import Path

import pytest

from erbm_cms.documents.extraction.sandbox import extract_isolated
from search.analysis import terms
from tests.search.conftest import ELASTICSEARCH_URL, needs_server

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus" / "pdf"
# _analyze refuses more than index.analyze.max_token_count (10,000) tokens per request.
CHUNK_CHARACTERS = 20_000

pytestmark = needs_server


def seed_texts():
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")) if path.name != "README.md"}


def corpus_texts():
    if not (CORPUS / "MANIFEST.tsv").exists():
        return {}
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        readable = [row["file"] for row in csv.DictReader(handle, delimiter="\t") if row["expected"] == "ok"]
    texts = {}
    for name in readable:
        result = extract_isolated(str(CORPUS / name), timeout=120, memory_mb=1024)
        if result.status == "ok":
            texts[name] = "\n\f".join(result.pages)
    return texts


def chunks(text):
    """Pieces of the text cut at line ends, so that no word is cut."""
    lines, size = [], 0
    for line in text.splitlines(keepends=True):
        if size + len(line) > CHUNK_CHARACTERS and lines:
            yield "".join(lines)
            lines, size = [], 0
        lines.append(line)
        size += len(line)
    if lines:
        yield "".join(lines)


@pytest.fixture(scope="module")
def server_tokens():
    from search.engines.elasticsearch import FRENCH, ElasticsearchEngine, index_body

    engine = ElasticsearchEngine(ELASTICSEARCH_URL)
    index = f"erbm-test-{uuid.uuid4().hex[:12]}-analysis"
    engine.client.indices.create(index=index, **index_body())

    def analyze(text):
        found = []
        for piece in chunks(text):
            response = engine.client.indices.analyze(index=index, analyzer=FRENCH, text=piece)
            found.extend(token["token"] for token in response["tokens"])
        return found

    yield analyze
    engine.client.indices.delete(index=index, ignore_unavailable=True)


def differences(python, server, limit=15):
    """The first places where the token lists part, with a little context."""
    found = []
    for position, (ours, theirs) in enumerate(zip(python, server)):
        if ours != theirs:
            found.append((position, python[max(0, position - 2):position + 3], server[max(0, position - 2):position + 3]))
            if len(found) >= limit:
                break
    if not found and len(python) != len(server):
        found.append((min(len(python), len(server)), python[-3:], server[-3:]))
    return found


def test_the_seed_texts_give_the_same_tokens_on_the_server(server_tokens):
    texts = seed_texts()
    assert len(texts) >= 5
    for name, text in texts.items():
        python, server = terms(text), server_tokens(text)
        assert python == server, f"{name}: {differences(python, server)}"
        assert len(python) > 100


def test_the_shared_corpus_gives_the_same_tokens_on_the_server(server_tokens):
    texts = corpus_texts()
    if not texts:
        pytest.skip(f"the shared corpus is absent ({CORPUS})")
    compared, disagreements = 0, {}
    for name, text in texts.items():
        python, server = terms(text), server_tokens(text)
        compared += len(python)
        if python != server:
            disagreements[name] = differences(python, server)
    assert not disagreements, disagreements
    assert len(texts) >= 40 and compared > 50_000
