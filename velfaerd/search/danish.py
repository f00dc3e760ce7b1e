"""Danish words as the search index holds them, the same on PostgreSQL and SQLite.

Each word is lower-cased, left out if it is a stop word, stemmed with the Danish Snowball stemmer (the algorithm of
PostgreSQL's ``danish`` configuration, from PyStemmer) and folded to plain letters: æ, ø and å become ae, oe and aa,
as typed on a keyboard without them, and other accents go. So "ledelsen", "ledelse" and "ledere" are one term,
"velfærd" and "velfaerd" another, and "Århus" is "Aarhus". Both databases index these terms and are asked for them
(search.py), so they answer alike by construction.

A compound is found by its last part, and the last word typed as the start of a word: the index keeps its
vocabulary (search.py, ``SearchTerm``), and a word asked for also asks for the terms there that end with it
("undersøgelse" asks for "undersoeg" and so for "lederundersoeg" too), the last word for those that start with it, a
few dozen at most, as exact terms.
"""

import functools
import re
import threading
import unicodedata

import Stemmer

#: Snowball's Danish stop words, the list PostgreSQL's ``danish`` configuration drops (its danish.stop).
DANISH_STOP = """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun nu
    over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog noget
    ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod
    disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan
"""
STOP_WORDS = frozenset(DANISH_STOP.split())
#: Words as the index splits them: letters and digits (not "_", which SQLite's tokenizer would split on).
WORD = re.compile(r"[^\W_]+")
FOLDED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
UNFOLDED = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))
#: A word this long or longer (as a term) is also looked for as the last part of longer terms (compounds).
PART_LENGTH = 5

_local = threading.local()  # a stemmer is not safe to share between threads


def _stemmer():
    if not hasattr(_local, "stemmer"):
        _local.stemmer = Stemmer.Stemmer("danish")
    return _local.stemmer


def fold(text):
    """``text`` with æ/ø/å as ae/oe/aa and without other accents."""
    text = text.translate(FOLDED)
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=100_000)
def term(word):
    """The index's term for one word (lower-cased), or "" for a stop word."""
    if word in STOP_WORDS:
        return ""
    return fold(_stemmer().stemWord(word))


def words(text):
    return WORD.findall(text.casefold())


def terms(text):
    """The terms of ``text`` in order, stop words left out, as one string of words."""
    return " ".join(filter(None, map(term, words(text))))


def vocabulary(*texts):
    """The distinct terms of ``texts`` (strings of terms)."""
    found = set()
    for text in texts:
        found.update(text.split())
    return found


def query_terms(word):
    """The terms one typed word may mean: as typed, and with ae/oe/aa read as æ/ø/å (stemmed before folding, as
    the text was, so "foraeldrene" finds "forældrene"). Empty for a stop word."""
    word = word.casefold()
    if word in STOP_WORDS:
        return []
    found = [term(word)]
    unfolded = word
    for plain, letter in UNFOLDED:
        unfolded = unfolded.replace(plain, letter)
    if unfolded != word and unfolded not in STOP_WORDS:
        found.append(term(unfolded))
    return list(dict.fromkeys(filter(None, found)))


def query(text, limit):
    """What a query asks for: one list of alternative terms per word (at most ``limit`` words), every word wanted.
    The last word typed is also matched as the start of a term (see ``Match``)."""
    return [alternatives for word in words(text)[:limit] if (alternatives := query_terms(word))]
