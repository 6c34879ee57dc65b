"""Usernames that cannot pass for someone else's (docs/security.md, "Authentication").

A username is NFKC-normalised (full-width letters become ASCII ones) and must be written in one
script, or in one of the combinations East Asian names use: the "highly restrictive" level of
Unicode's UTS #39. Digits and `_ . @ + -` belong to no script and go with any. So `paypal` with
a Cyrillic `a` (U+0430) and `Ωmega` are refused; `lily_88`, `李小龙`, `小米fans`,
`さくら桜` and `김민준` are fine. Scripts come from confusable_homoglyphs' Unicode tables.
"""

import unicodedata

from confusable_homoglyphs import categories
from django.utils.translation import gettext as _

from alliance.errors import AllianceError

# Scripts that may share a username with Latin letters and each other (UTS #39 section 5.2).
EAST_ASIAN_SETS = (
    {"LATIN", "HAN", "HIRAGANA", "KATAKANA"},
    {"LATIN", "HAN", "BOPOMOFO"},
    {"LATIN", "HAN", "HANGUL"},
)
# Marks and symbols shared by every script ("COMMON"), and combining marks ("INHERITED").
NO_SCRIPT = {"COMMON", "INHERITED"}


def username_scripts(username: str) -> set[str]:
    return {categories.alias(char) for char in username} - NO_SCRIPT


def username_clean(*, username: str) -> str:
    """The username as stored: NFKC-normalised. Raises AllianceError (field `username`, code
    `mixed_script`) when it mixes scripts in a way that lets it imitate another name."""
    username = unicodedata.normalize("NFKC", username)
    scripts = username_scripts(username)
    if len(scripts) > 1 and not any(scripts <= allowed for allowed in EAST_ASIAN_SETS):
        raise AllianceError(
            _(
                "This username mixes alphabets (%(scripts)s), so it could pass for another: "
                "write it in one alphabet."
            )
            % {"scripts": ", ".join(sorted(script.title() for script in scripts))},
            field="username",
            code="mixed_script",
        )
    return username
