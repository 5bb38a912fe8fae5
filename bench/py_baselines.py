"""Python baselines for bench/vs_python.sh: times summarisers over the same inputs as keypoints.

    py_baselines.py sumy INPUT.jsonl [--repeat N]
    py_baselines.py newspaper INPUT.jsonl [--repeat N]
    py_baselines.py trafilatura-sumy FOLDER_OF_HTML_GZ [--repeat N]

Prints one JSON line: {"tool", "articles", "nonempty", "seconds", "cpu_seconds",
"articles_per_s", "articles_per_cpu_s"}. Only the processing loop is timed (imports, reading the
files and training the sentence splitter are not), which favours the Python tools.

NLTK's pretrained Punkt models cannot be downloaded here (the NLTK data site is not reachable,
only PyPI is). Both sumy and newspaper4k need Punkt for sentences; instead of the pretrained
English model we train Punkt (nltk.tokenize.punkt, unsupervised: the same algorithm the
pretrained model comes from) on the CNN/DM articles themselves, and give it to both tools. Word
tokens come from NLTK's Treebank-style word tokenizer, which needs no data (it is what
nltk.word_tokenize runs on each sentence).
"""
import argparse
import gzip
import json
import os
import sys
import time

CNNDM = None


def texts_of(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def punkt(training_texts):
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train("\n\n".join(training_texts), finalize=True)
    return PunktSentenceTokenizer(trainer.get_params())


def sumy_lexrank(sentence_splitter):
    from nltk.tokenize import NLTKWordTokenizer
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    class TrainedTokenizer(Tokenizer):
        """sumy's Tokenizer with the trained Punkt instead of the downloaded model."""

        def __init__(self):
            self._language = "english"
            self._sentence_tokenizer = sentence_splitter
            self._word_tokenizer = NLTKWordTokenizer()

    tokenizer = TrainedTokenizer()
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def summarize(text):
        parser = PlaintextParser.from_string(text, tokenizer)
        return [str(s) for s in summarizer(parser.document, 3)]

    return summarize


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=["sumy", "newspaper", "trafilatura-sumy"])
    ap.add_argument("input")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--train", help="JSONL whose texts train Punkt (default: the input)")
    args = ap.parse_args()

    train_path = args.train or args.input
    splitter = punkt([r["text"] for r in texts_of(train_path)])

    if args.tool == "sumy":
        docs = [r["text"] for r in texts_of(args.input)]
        summarize = sumy_lexrank(splitter)
        work = lambda d: summarize(d)  # noqa: E731
    elif args.tool == "newspaper":
        from newspaper import Article
        from newspaper import nlp as np_nlp

        # newspaper4k caches its Punkt model on this attribute; giving it ours skips the download.
        np_nlp.split_sentences._tokenizer = splitter
        records = texts_of(args.input)
        # nlp() summarises nothing without a title, and the CNN/DM records have none: the
        # first sentence stands in for it.
        docs = []
        for r in records:
            first = splitter.tokenize(r["text"])
            docs.append((r.get("title") or (first[0] if first else ""), r["text"]))

        def work(doc):
            title, text = doc
            a = Article("http://example.com/article", language="en")
            a.download(input_html="<html><body></body></html>")
            a.parse()
            a.title = title
            a.text = text
            a.nlp()
            return a.summary
    else:
        import trafilatura

        docs = []
        for name in sorted(os.listdir(args.input)):
            if name.endswith(".html.gz"):
                with gzip.open(os.path.join(args.input, name), "rb") as f:
                    docs.append(f.read())
        summarize = sumy_lexrank(splitter)

        def work(html):
            text = trafilatura.extract(html.decode("utf-8", errors="replace"))
            return summarize(text) if text else []

    n = 0
    nonempty = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(args.repeat):
        for d in docs:
            if work(d):
                nonempty += 1
            n += 1
    secs = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    # nonempty: how many articles got a summary at all (a check that the tool really ran).
    print(json.dumps({"tool": args.tool, "articles": n, "nonempty": nonempty,
                      "seconds": round(secs, 3), "cpu_seconds": round(cpu, 3),
                      "articles_per_s": round(n / secs, 2),
                      "articles_per_cpu_s": round(n / max(cpu, 1e-9), 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
