"""The tokenizer (spaCy's English rules, see ``__init__``) and its output.

``Tokens`` keeps a text's tokens as parallel lists (text, lower case, norm,
character offset, trailing space) with the sentence starts, and works out
the token classes rules ask for (punctuation, title case, numbers ...) on
first use.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable
from importlib import resources

from policylint.tokenizer.compiled import Kept

#: a token's text and norm
Piece = tuple[str, str]
#: spaCy's expressions (``english.json``): what comes off the front and the end of a word, what
#: splits it inside, and what keeps it whole (URLs, the language's token_match)
_PATTERNS = ("prefix", "suffix", "infix", "url", "token_match")
#: runs of white space and of other characters
_RUNS = re.compile(r"\s+|\S+")
#: white space other than the plain space
_OTHER_SPACE = re.compile(r"[^\S ]")


class Tokens:
    """The tokens of one text and its sentences (token index ranges)."""

    __slots__ = ("text", "words", "norms", "starts", "spaces", "sentences", "_lower", "_classes")

    def __init__(self, text: str, words: list[str], norms: list[str], spaces: list[bool]):
        self.text = text
        self.words = words
        self.norms = norms
        self.spaces = spaces
        starts = []
        position = 0
        for word, space in zip(words, spaces):
            starts.append(position)
            position += len(word) + space
        self.starts = starts
        self.sentences: list[tuple[int, int]] = []
        self._lower: list[str] | None = None
        self._classes: dict[str, list[bool]] = {}

    def __len__(self) -> int:
        return len(self.words)

    @property
    def lower(self) -> list[str]:
        if self._lower is None:
            self._lower = [word.lower() for word in self.words]
        return self._lower

    def span_chars(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of the tokens ``start`` .. ``end - 1``."""
        return self.starts[start], self.starts[end - 1] + len(self.words[end - 1])

    def classes(self, name: str) -> list[bool]:
        """One token class (``IS_PUNCT``, ``LIKE_NUM``, ``SENT_START`` ...) for every token."""
        found = self._classes.get(name)
        if found is None:
            if name in ("SENT_START", "IS_SENT_START"):
                found = [False] * len(self.words)
                for start, _ in self.sentences:
                    found[start] = True
            else:
                test = CLASSES[name]
                found = [test(word) for word in self.words]
            self._classes[name] = found
        return found

    def token_by_char(self, char: int) -> int:
        """The token whose text or trailing space holds character ``char``, or -1."""
        low, high = 0, len(self.words) - 1
        starts, words, spaces = self.starts, self.words, self.spaces
        while low <= high:
            mid = (low + high) // 2
            if char < starts[mid]:
                high = mid - 1
            elif char >= starts[mid] + len(words[mid]) + spaces[mid]:
                low = mid + 1
            else:
                return mid
        return -1

    def expand(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """The tokens (start, end) that the characters ``start_char`` ..
        ``end_char`` touch, as spaCy's ``Doc.char_span(alignment_mode="expand")``
        finds them; None when a boundary is outside the text."""
        start = self.token_by_char(start_char)
        end = self.token_by_char(end_char - 1)
        if start < 0 or end < 0:
            return None
        if start_char == self.starts[start] + len(self.words[start]):
            start += 1  # the trailing space of a token is not part of it
        return start, end + 1


def is_punct(text: str) -> bool:
    return all(unicodedata.category(char).startswith("P") for char in text)


_NUMBER_WORDS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
million billion trillion quadrillion quintillion sextillion septillion octillion nonillion decillion gajillion
bazillion first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth
fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth
eightieth ninetieth hundredth thousandth millionth billionth trillionth quadrillionth quintillionth sextillionth
septillionth octillionth nonillionth decillionth gajillionth bazillionth""".split())


def like_num(text: str) -> bool:
    """spaCy's English ``like_num``: digits, fractions, number words, ordinals."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    lowered = text.lower()
    if lowered in _NUMBER_WORDS:
        return True
    return lowered.endswith(("st", "nd", "rd", "th")) and lowered[:-2].isdigit()


#: token classes, as spaCy defines them for English lexemes
CLASSES: dict[str, Callable[[str], bool]] = {
    "IS_ALPHA": str.isalpha,
    "IS_DIGIT": str.isdigit,
    "IS_LOWER": str.islower,
    "IS_UPPER": str.isupper,
    "IS_TITLE": str.istitle,
    "IS_SPACE": str.isspace,
    "IS_PUNCT": is_punct,
    "LIKE_NUM": like_num,
}


class Tokenizer:
    """spaCy's English tokenizer algorithm on its exported rules."""

    def __init__(self, rules: dict):
        self._patterns = {name: Kept(rules[name]) for name in _PATTERNS if rules.get(name)}
        self._bind()
        self._specials: dict[str, tuple[Piece, ...]] = {
            text: tuple((orth, norm) for orth, norm in pieces) for text, pieces in rules["specials"].items()}
        self.sentence_ends = frozenset(rules["sentence_ends"])
        self._norms: dict[str, str] = rules["norms"]
        #: the pieces of a run of text: the special cases, then each run tokenized so far
        self._cache: dict[str, tuple[Piece, ...]] = dict(self._specials)
        #: special cases whose text the affix rules split: first piece -> [(pieces, text)]
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for text in self._specials:
            if (not rules["faster_heuristics"] or self._find_prefix(text) or self._find_suffix(text)
                    or list(self._infix(text)) or " " in text):
                pieces = tuple(orth for orth, _ in self._tokenize_affixes(text, with_specials=False))
                if pieces:
                    self._phrases.setdefault(pieces[0], []).append((pieces, text))
        self._index_phrases()

    def _index_phrases(self) -> None:
        #: the first piece of one-piece phrases, and the first two of longer ones
        self._phrase_heads = (frozenset(p[0] for ps in self._phrases.values() for p, _ in ps if len(p) == 1),
                              frozenset(p[:2] for ps in self._phrases.values() for p, _ in ps if len(p) > 1))

    def _bind(self) -> None:
        patterns = self._patterns
        self._prefix = patterns["prefix"].pattern.search
        self._suffix = patterns["suffix"].pattern.search
        self._infix = patterns["infix"].pattern.finditer
        self._url = patterns["url"].pattern.match
        self._token_match = patterns["token_match"].pattern.match if "token_match" in patterns else None

    def __getstate__(self) -> dict:
        """Pickled with its patterns' compiled programs (see ``compiled``), without the bound
        methods and the memo of tokenized words."""
        return {"patterns": self._patterns, "specials": self._specials, "sentence_ends": self.sentence_ends,
                "norms": self._norms, "phrases": self._phrases}

    def __setstate__(self, state: dict) -> None:
        self._patterns = state["patterns"]
        self._specials = state["specials"]
        self.sentence_ends = state["sentence_ends"]
        self._norms = state["norms"]
        self._phrases = state["phrases"]
        self._cache = dict(self._specials)
        self._bind()
        self._index_phrases()

    def __call__(self, text: str) -> Tokens:
        found = self._single_spaced(text) if text and not _OTHER_SPACE.search(text) else None
        pieces, spaces = found if found is not None else self._tokenize_affixes(text, with_specials=True, spaces=True)
        if self._phrases:
            pieces, spaces = self._apply_specials(pieces, spaces, text)
        words, norms = (list(column) for column in zip(*pieces)) if pieces else ([], [])
        tokens = Tokens(text, words, norms, spaces)
        tokens.sentences = self._sentences(tokens)
        return tokens

    def _single_spaced(self, text: str) -> tuple[list[Piece], list[bool]] | None:
        """``_tokenize_affixes`` for the usual paragraph, whose only white space
        is single spaces between words (and perhaps one at the end): each word is
        followed by a space but the last. None for any other text."""
        if text[0] == " " or "  " in text:
            return None
        runs = text.split(" ")
        known = self._cache.get
        pieces: list[Piece] = []
        ends = []
        for run in runs:
            if run:
                found = known(run)
                if found is None:
                    found = self._span(run, True)
                pieces += found
                ends.append(len(pieces) - 1)
        spaces = [False] * len(pieces)
        for end in ends[: len(runs) - 1]:
            spaces[end] = True
        return pieces, spaces

    # -- spaCy's Tokenizer._tokenize_affixes ----------------------------------

    def _tokenize_affixes(self, text: str, with_specials: bool, spaces: bool = False):
        pieces: list[Piece] = []
        flags: list[bool] = []

        def emit(span: str) -> None:
            found = self._span(span, with_specials)
            pieces.extend(found)
            flags.extend([False] * len(found))

        for run in _RUNS.finditer(text):
            start, end = run.span()
            if text[start].isspace():
                # a space right after a word belongs to that word; other white space is a token
                if start and text[start] == " ":
                    flags[-1] = True
                    start += 1
                if start < end:
                    emit(text[start:end])
            else:
                emit(text[start:end])
        return (pieces, flags) if spaces else pieces

    def _span(self, span: str, with_specials: bool) -> tuple[Piece, ...]:
        if with_specials:
            found = self._cache.get(span)  # the special cases are in it
            if found is None:
                # a word of letters only has no prefix, suffix or infix and is no URL
                # (tests/test_tokenizer.py checks this against spaCy on every such word of the rule examples)
                found = self._cache[span] = (self._plain(span),) if span.isalpha() \
                    else self._tokenize(span, with_specials)
            return found
        return self._tokenize(span, with_specials)

    def _find_prefix(self, text: str) -> int:
        found = self._prefix(text)
        return found.end() - found.start() if found else 0

    def _find_suffix(self, text: str) -> int:
        found = self._suffix(text)
        return found.end() - found.start() if found else 0

    def _is_special(self, text: str, with_specials: bool) -> bool:
        return with_specials and text in self._specials

    def _tokenize(self, string: str, with_specials: bool) -> tuple[Piece, ...]:
        """``_split_affixes`` then ``_attach_tokens``."""
        prefixes: list[str] = []
        suffixes: list[str] = []
        last_size = 0
        while string and len(string) != last_size:
            if self._token_match and self._token_match(string):
                break
            if self._is_special(string, with_specials):
                break
            last_size = len(string)
            pre_len = self._find_prefix(string)
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and self._is_special(minus_pre, with_specials):
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            suf_len = self._find_suffix(string[pre_len:])
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and self._is_special(minus_suf, with_specials):
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        pieces: list[Piece] = [self._plain(p) for p in prefixes]
        if string:
            special = self._specials.get(string) if with_specials else None
            if special is None and with_specials:
                special = self._cache.get(string)
            if special is not None:
                pieces.extend(special)
            elif (self._token_match and self._token_match(string)) or self._url(string):
                pieces.append(self._plain(string))
            else:
                pieces.extend(self._plain(part) for part in self._infixed(string))
        pieces.extend(self._plain(s) for s in reversed(suffixes))
        return tuple(pieces)

    def _infixed(self, string: str) -> list[str]:
        parts = []
        start = 0
        for found in self._infix(string):
            infix_start, infix_end = found.start(), found.end()
            if infix_start == 0:
                continue
            if infix_start != start:
                parts.append(string[start:infix_start])
            if infix_start != infix_end:
                parts.append(string[infix_start:infix_end])
            start = infix_end
        if string[start:]:
            parts.append(string[start:])
        return parts

    # -- spaCy's Tokenizer._apply_special_cases --------------------------------

    def _apply_specials(self, pieces: list[Piece], spaces: list[bool], text: str):
        words = [orth for orth, _ in pieces]
        singles, pairs = self._phrase_heads
        if singles.isdisjoint(words) and pairs.isdisjoint(zip(words, words[1:])):
            return pieces, spaces  # no phrase of the special cases starts anywhere here
        matches = []
        for i, word in enumerate(words):
            for phrase, _ in self._phrases.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    matches.append((i, i + len(phrase)))
        if not matches:
            return pieces, spaces
        # longest first, then leftmost; a span is kept when its first and last
        # tokens are not in a span seen before (kept or not)
        matches = sorted(set(matches), key=lambda m: (m[1] - m[0], -m[0]))
        seen: set[int] = set()
        kept = []
        for start, end in reversed(matches):
            if start not in seen and end - 1 not in seen:
                kept.append((start, end))
            seen.update(range(start, end))
        starts = []
        position = 0
        for word, space in zip(words, spaces):
            starts.append(position)
            position += len(word) + space
        replace = {}
        for start, end in kept:
            span_text = text[starts[start] : starts[end - 1] + len(words[end - 1])]
            special = self._specials.get(span_text)
            if special is not None:
                replace[start] = (end, special)
        if not replace:
            return pieces, spaces
        new_pieces: list[Piece] = []
        new_spaces: list[bool] = []
        i = 0
        while i < len(pieces):
            if i in replace:
                end, special = replace[i]
                new_pieces.extend(special)
                new_spaces.extend([False] * (len(special) - 1) + [spaces[end - 1]])
                i = end
            else:
                new_pieces.append(pieces[i])
                new_spaces.append(spaces[i])
                i += 1
        return new_pieces, new_spaces

    def _plain(self, orth: str) -> Piece:
        """A token that no special case made: its norm is its lower case, or spaCy's table's."""
        return (orth, self._norms.get(orth) or orth.lower())

    # -- spaCy's Sentencizer ---------------------------------------------------

    def _sentences(self, tokens: Tokens) -> list[tuple[int, int]]:
        ends = self.sentence_ends
        starts = []
        start = 0
        seen_end = False
        for i, word in enumerate(tokens.words):
            is_end = word in ends
            if seen_end and not is_end and not is_punct(word):
                starts.append(start)
                start = i
                seen_end = False
            elif is_end:
                seen_end = True
        if start < len(tokens.words):
            starts.append(start)
        bounds = starts[1:] + [len(tokens.words)]
        return list(zip(starts, bounds))




@functools.cache
def tokenizer() -> Tokenizer:
    """The English tokenizer, built once per process; kept compiled on disk
    with the rule packs (policylint/engine/pack.py) for the next process."""
    from policylint.engine import pack

    package = resources.files("policylint.tokenizer")
    data = package.joinpath("english.json").read_bytes()
    sources = [("english.json", data)] + [(name, package.joinpath(name).read_bytes())
                                          for name in ("tokens.py", "compiled.py")]  # the pickled form is theirs
    return pack.kept("tokenizer", sources, lambda: Tokenizer(json.loads(data)))
