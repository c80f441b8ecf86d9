"""``sections``: a rule applies only under headings that contain one of the
given words or phrases (whole words, any case, an optional plural "s"), e.g.
``sections: [hiring, recruitment, job description]``. Absence rules use the
same words to find the sections they check."""

from __future__ import annotations

import regex


class SectionWords:
    def __init__(self, phrases: list[str]):
        alternatives = "|".join(r"\s+".join(regex.escape(w) for w in p.lower().split()) for p in phrases)
        self._pattern = regex.compile(rf"(?<!\w)(?:{alternatives})(?:s|es)?(?!\w)", regex.IGNORECASE)

    def heading(self, title: str) -> bool:
        return self._pattern.search(title) is not None

    def path(self, section: tuple[str, ...]) -> bool:
        return any(self.heading(title) for title in section)
