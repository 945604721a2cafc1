"""What the words in and around a tagged name say about it: where it ends, whether it is a name at
all, and what kind of thing it names.

The tagger labels tokens; a reader judges names. This module holds the reader's rules that the roll-up
applies to every tagged span, each about a kind of word rather than a particular name: function words
and title words that a sentence puts before a name ("But Umaga", "CEO Maria Lund"); words that are
never names ("I've", "Please", "Christmas", "GMT"); the head noun that says what a name is ("... Act"
is a law, "... Stadium" a place, "... Ltd" a company); and the words around a mention that say the
same ("shares in X", "drugmaker X", "X, which", "X, a nonprofit organization"). Word lists are
lower case; a rule compares ``word.lower()``.
"""

from __future__ import annotations

from collections.abc import Sequence

PER, ORG, LOC, MISC = "PER", "ORG", "LOC", "MISC"

# Capitalised at the start of a sentence, never the first word of a name: conjunctions, adverbs,
# prepositions, determiners, pronouns and number words a tagger sometimes glues to the name after
# them ("If Whitmore", "Six Tom Reyes"). Words that are also given names ("Will", "May") stay out.
# fmt: off
SENTENCE_WORDS = frozenset("""
and but or nor so yet if when whenever while as after before although though because since
unless until then now however meanwhile moreover also still even only just both either neither
its his her their our my your whose which what who whom where why how
in on at by for from with without to of into onto over under about against despite during like
unlike upon via amid among between beyond toward towards through throughout within across around
behind beside besides near instead rather perhaps indeed thus hence therefore otherwise later
earlier today tonight tomorrow yesterday did does do is are was were has have had would could
should must shall not yes according asked speaking sources
""".split())
# Never the first word of a person's name either: determiners, quantifiers and number words, which
# can open the name of a team or an event ("All Blacks", "Six Nations") but not of a person.
PERSON_PREFIX_WORDS = SENTENCE_WORDS | frozenset("""
a an this that these those all every each some one two three four five six seven eight nine ten eleven twelve twenty thirty forty
fifty hundred thousand first second third fourth fifth last next
""".split())
# Titles and roles written before a name: not part of it (the role stays in the sentence).
TITLE_WORDS = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor rev rev. reverend
president vice chairman chairwoman chair ceo cfo coo cto chief executive director manager
minister secretary spokesman spokeswoman spokesperson ambassador envoy governor gov gov. senator
sen sen. rep rep. representative congressman congresswoman mp mep mayor councillor councilman
judge justice attorney general gen gen. lt lt. col col. sgt sgt. capt capt. maj maj. cpl cpl.
pvt pvt. adm adm. cmdr cmdr. colonel captain sergeant lieutenant corporal private admiral
commander officer detective inspector superintendent constable chancellor premier
bishop archbishop cardinal sheikh coach striker midfielder defender
goalkeeper keeper winger captain skipper boss leader founder co-founder author singer actor
actress director producer analyst economist professor deputy foreign home interior
defence defense finance trade health prime assistant acting former late then
""".split())
# Kept as part of a name: peerage and knighthood are how the person is named ("Lord Bingham").
KEPT_TITLES = frozenset({"lord", "lady", "sir", "dame", "baroness", "baron", "earl", "duke"})
# Greetings, politeness and interjections capitalised at the start of a line.
NOT_NAMES = frozenset("""
please thanks thank hello hi hey dear yes no ok okay sorry goodbye bye welcome congratulations
oh wow well
christmas easter ramadan eid hanukkah diwali thanksgiving halloween passover lent advent
monday tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december
gmt bst utc est edt cst cdt pst pdt cet cest
""".split())
# Initialisms of common nouns, written in capitals but naming no one thing: "DNA evidence", "the
# enemy AI", "a PC". A concern's initials stay out ("IBM", "BBC"): they name one thing.
COMMON_INITIALISMS = frozenset("""
ai dna rna pc pcs tv gdp hiv cctv suv suvs atm atms gps dvd dvds cd cds led usb vat ivf mri icu
iq ufo ufos ipo faq diy
""".split())
# Contractions of pronouns: "I've", "You'Ve", "He'd", "We're", "It's".
_PRONOUNS = frozenset("i you he she we they it there that what who here".split())
_CONTRACTED = frozenset("ve re ll d m s".split())

# The last word of a name says what it names. "Freedom of Information Act" is a law. Words that end
# the names of clubs as often as of places or firms stay out: "Norwich City", "Ross County",
# "Queen's Park", "West Bank", "National Tennis Centre", "Ipswich Town".
ORG_HEADS = frozenset("""
inc inc. ltd ltd. llc plc plc. corp corp. co co. bros bros. brothers company companies corporation
group holdings
partners capital securities stockbrokers brokers bancorp airlines airways motors industries
pharmaceutical pharmaceuticals technologies systems labs laboratories networks communications
media records studios entertainment foundation institute institution university college school
academy council commission committee agency authority department ministry office service
services association club fc party front brigade brigades army navy police
force forces guard parliament congress senate assembly court tribunal society
trust fund board bureau organisation organization alliance coalition movement network times
post news journal herald gazette tribune telegraph press magazine mirror mail express observer
chronicle globe courier inquirer examiner guardian house
""".split())
LOC_HEADS = frozenset("""
street road avenue lane boulevard square stadium arena garden gardens bridge river lake mountain
mountains island islands bay sea ocean valley province region district prison hemisphere coast
desert peninsula canal strait gulf heights hills beach resort areas territory territories village
junction
harbour harbor
""".split())
# Capitalised, the last word of a person's nickname: "the Bald Man", "the Old Woman".
_PER_HEADS = frozenset({"Man", "Woman"})
MISC_HEADS = frozenset("""
act bill treaty convention accord agreement report inquiry review festival championship
championships cup open games olympics awards award prize trophy war revolution conference
marathon derby prix series day week
""".split())

# Organisations a tagger trained on CoNLL's news calls MISC, as it does the adjectives and members'
# names around them ("Tory", "Taliban"): a party named by its short name and the armed groups of
# the news are organisations (names as roll-up keys them, lower case). "Republicans" stays: the
# members of a party, as "Americans" are of a nation.
ORG_NAMES = frozenset({
    "conservative party", "liberal democrats", "labour party", "gop", "snp", "ukip",
    "plaid cymru", "sinn fein", "taliban", "al qaeda", "al-qaeda", "al qaida", "al-qaida",
    "isis", "isil", "islamic state", "hamas", "hezbollah", "boko haram", "al-shabab",
    "al shabaab", "al-shabaab",
})  # fmt: skip

# A single digit after a name is a version ("Xbox 2", "Windows 7": a product) or, after a
# broadcaster's word, a channel ("Channel 4", "BBC Radio 4": an organisation).
BROADCAST_WORDS = frozenset("channel radio tv television bbc itv sky fm".split())

# Nouns that, just before a name or heading an appositive after it, say what it is.
# fmt: on
_ORG_NOUNS = frozenset(
    """
firm company group giant airline carrier maker drugmaker carmaker automaker chipmaker planemaker
steelmaker toymaker provider operator
retailer bank lender insurer broker website site network newspaper paper magazine tabloid
broadcaster channel studio label publisher club side team charity organisation organization
agency party union chain brand manufacturer developer startup start-up conglomerate subsidiary
outlet fund nonprofit non-profit rival rivals organisations organizations firms companies clubs
""".split()
)
_PER_NOUNS = frozenset(
    """
spokesman spokeswoman spokesperson minister secretary president chairman chairwoman director
executive manager coach striker midfielder defender goalkeeper keeper winger captain player
singer musician actor actress artist author writer novelist poet producer analyst economist
lawyer attorney judge prosecutor senator governor mayor colleague wife husband son daughter
brother sister father mother uncle aunt cousin friend boss founder co-founder leader officer
inspector detective professor teammate rapper star champion boxer jockey trainer owner reporter
correspondent editor columnist chancellor student teenager victim suspect nurse doctor
""".split()
)
_LOC_NOUNS = frozenset(
    """
town city village capital province state region county district island port suburb
neighbourhood neighborhood area towns cities countries
""".split()
)
_MISC_NOUNS = frozenset(
    """
browser console game drug film movie book novel album song single show series programme
program software app device phone handset aircraft jet plane model
production documentary flop flops horse racehorse codenamed code-named
films movies games browsers drugs
""".split()
)
# After a name: "X shares", "Chelsea manager", "the X website" -> an organisation.
_ORG_AFTER = frozenset(
    """
shares shareholders website newspaper manager chain
""".split()
)
# After a name: "X neighbourhood", "X residents" -> a place.
_LOC_AFTER = frozenset(
    "neighbourhood neighborhood neighbourhoods neighborhoods suburb suburbs residents highway".split()
)
_AFTER_SHARES = frozenset(
    "and or fell rose closed dropped jumped slumped plunged climbed lost gained were was have has "
    "had are".split()
)
# Singular only: "the Quillfox browser" is a product, "Mozilla browsers" are its maker's.
_MISC_AFTER = frozenset("browser console drug software prize award".split())
# A vehicle after a name of two words or more is its model: "a Vantor Pelican van" (but "a Vantor
# van" is the maker's).
_VEHICLES = frozenset("van car truck lorry jeep bus coach motorbike motorcycle".split())
# Honorifics: the name after one is a person's, however it was tagged ("Mr. Tamsby").
_HONORIFIC_WORDS = frozenset("mr mr. mrs mrs. ms ms. dr dr.".split())
# What introduces examples of a kind just named: "browser software, like X", "firms such as X".
_EXAMPLE_LINKS = frozenset({"like", "including"})
_APPOSITIVE_OPENERS = frozenset({"a", "an", "the"})
_APPOSITIVE_WORDS = 6


def opens_no_name(word: str, label: str) -> bool:
    """A capitalised function word ("If", "But"), or for a person also a number word or determiner
    ("Six Tom Reyes"): a sentence puts it before a name, never in one."""
    return word.lower() in (PERSON_PREFIX_WORDS if label == PER else SENTENCE_WORDS)


def is_title_word(word: str) -> bool:
    """A title or role word written before a name ("CEO", "Sgt.", "Foreign", "Minister")."""
    return word.lower() in TITLE_WORDS


def is_not_a_name(words: Sequence[str]) -> bool:
    """Words that are never an entity: a pronoun contraction, a greeting, a holiday, a weekday or
    month, a time zone, a common noun's initials ("DNA"), or no letter at all."""
    if not any(c.isalpha() for w in words for c in w):
        return True
    if len(words) != 1:
        return False
    word = words[0].replace("’", "'")
    low = word.lower()
    if low in NOT_NAMES or low in _INNER_TITLES or (word.isupper() and low in COMMON_INITIALISMS):
        return True
    pronoun, sep, rest = low.partition("'")
    return bool(sep) and pronoun in _PRONOUNS and rest in _CONTRACTED


def is_version(word: str) -> bool:
    """A single digit written after a name: "Xbox 2", "Channel 4"."""
    return len(word) == 1 and word in "123456789"


def version_label(words: Sequence[str]) -> str | None:
    """What a name ending in a version digit is: a channel (ORG) after a broadcaster's word,
    otherwise a product or a work (MISC); None for a name without one."""
    if len(words) < 2 or not is_version(words[-1]):
        return None
    return ORG if words[-2].lower() in BROADCAST_WORDS else MISC


def head_label(words: Sequence[str]) -> str | None:
    """What a name's head noun says it is: its last word, or for "X of Y" the word before "of"
    ("University of Victoria"); a version digit ("Xbox 2"); None when the head says nothing."""
    if len(words) < 2:
        return None
    if (kind := version_label(words)) is not None:
        return kind
    if words[-1] in _PER_HEADS and "of" not in words:
        return PER  # "the Bald Man": a person's nickname (but "Isle of Man")
    heads = [words[-1].lower()]
    if "of" in words[1:-1]:
        heads.append(words[words.index("of") - 1].lower())
    for head in heads:
        for label, table in ((ORG, ORG_HEADS), (LOC, LOC_HEADS), (MISC, MISC_HEADS)):
            if head in table:
                return label
    return None


# Capitalised inside a name only in the title of a work: "Return Of The Jedi", "Super Size Me".
_TITLE_FUNCTION_WORDS = frozenset(
    "of the from against with in on to a an and me you it my your is are was".split()
)
# Irregular plurals whose possessive stays inside a name: "National People's Congress".
_PLURAL_POSSESSORS = frozenset({"people", "women", "men", "children"})
# A name's head takes a complement that the tagger may leave apart: "European Convention" on
# "Human Rights". Company suffixes take none.
_COMPLEMENT_HEADS = (ORG_HEADS | MISC_HEADS) - frozenset(
    "inc inc. ltd ltd. llc plc plc. corp corp. co co. holdings partners capital times post".split()
)
_COMPLEMENT_LINKS = frozenset({"of", "on", "for", "against"})


# Head nouns that, capitalised just after a tagged name, end that name ("National Book" "Awards",
# "International Women's" "Day"). Heads that also follow a name as another thing stay out: a
# product ("Microsoft Office"), a newspaper's or a firm's common words ("Post", "Group").
_RIGHT_HEADS = (MISC_HEADS | LOC_HEADS | ORG_HEADS) - frozenset(
    """
office house service services news post times mail express observer guardian press globe herald
mirror network media group capital partners trust fund board front force forces guard army navy
police series games open
""".split()
)


def head_after(words: Sequence[str], b: int) -> int:
    """Where a name ending before ``words[b]`` ends when a capitalised head noun follows it
    (``b`` when none does): "National Book" + "Awards", "International Women" + "'s Day"."""
    i = b
    if (
        i + 1 < len(words)
        and words[i] in ("'s", "’s")
        and words[i - 1].lower() in _PLURAL_POSSESSORS
    ):
        i += 1
    if i < len(words) and words[i][:1].isupper() and words[i].lower() in _RIGHT_HEADS:
        return i + 1
    return b


def is_work_title(words: Sequence[str]) -> bool:
    """A name written as the title of a work: a function word capitalised inside it."""
    return any(w.lower() in _TITLE_FUNCTION_WORDS and w[0].isupper() for w in words[1:])


def glue(words: Sequence[str], spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Tagged spans that one name was cut into, joined: two that touch when together they end
    with a head noun ("Pakistan" "International Airlines"), across an irregular plural's possessive
    ("National People" 's "Congress") and across "of"/"on"/"for" after a head that takes a
    complement ("European Convention" on "Human Rights"). The joined name takes the label of its
    head, or of its first part."""
    out: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        if out:
            pa, pb, plabel = out[-1]
            link = words[pb] if pb < len(words) else ""
            if a == pb and (kind := head_label(words[pa:b])) is not None:
                out[-1] = (pa, b, kind)  # "Pakistan" + "International Airlines": one name
                continue
            if a == pb + 1 and link in ("'s", "’s") and words[pb - 1].lower() in _PLURAL_POSSESSORS:
                out[-1] = (pa, b, label)
                continue
            if (
                a == pb + 1
                and link in _COMPLEMENT_LINKS
                and words[pb - 1].lower() in _COMPLEMENT_HEADS
                and pb - pa > 1
            ):
                out[-1] = (pa, b, head_label(words[pa:pb]) or plabel)
                continue
        out.append((a, b, label))
    return out


def _noun_label(word: str) -> str | None:
    low = word.lower()
    if low in _ORG_NOUNS:
        return ORG
    if low in _PER_NOUNS:
        return PER
    if low in _LOC_NOUNS:
        return LOC
    if low in _MISC_NOUNS:
        return MISC
    return None


def context_label(words: Sequence[str], a: int, b: int, label: str) -> str | None:
    """What the words around ``words[a:b]`` say the name is, or None: a descriptive noun just
    before it ("drugmaker Elan", "striker Drogba", "the town of Fairfax"), an appositive after it
    ("Varig, Brazil's flagship airline"), "shares in X", "X shares", "X, which"/"X, who", "the X".
    """
    before = words[a - 1] if a >= 1 else ""
    before2 = words[a - 2] if a >= 2 else ""
    after = words[b] if b < len(words) else ""
    after2 = words[b + 1] if b + 1 < len(words) else ""
    if before[:1].isupper() and before.lower() in TITLE_WORDS and label == PER:
        return PER  # "President Suharto", "Sen. Cruz"
    if before[:1].isupper() and before.lower() in _HONORIFIC_WORDS:
        return PER  # "a thief nicknamed Mr. Tamsby": a person, whatever the tagger saw
    if before == "," and after == "," and before2.islower() and _noun_label(before2) == PER:
        return PER  # "his brother, Omar, died"
    if before == "of" and _is_age_clause(words, a - 1):
        return LOC  # "Ruiz, 23, of Tamsby": where a person is from
    if (kind := _example_label(words, a)) is not None:
        return kind  # "browser software, like Quillfox"
    if before == "(" and after2 == ")" and _is_minute(after) and b - a == 1:
        return PER  # a team sheet's substitute and the minute he came on: "Traore (Biscan 67)"
    if before == "The" and a >= 2:
        # "Roth's The Plot Against America", "film The Liberace of Baghdad": a work's title,
        # unless a noun says otherwise ("the tabloid The Daily Mirror")
        return _noun_label(before2) if before2.islower() and _noun_label(before2) else MISC
    if before == "of" and (start := _title_start(words, a - 1)) is not None:
        # "film The Seven Doors of Velmoor", "including The Ghost of Tamsby": the end of
        # a title that a capitalised "The" opened inside the sentence
        noun = words[start - 1]
        return _noun_label(noun) if noun.islower() and _noun_label(noun) else MISC
    if before == "the" and label == PER and b - a == 1 and _heads_its_phrase(after):
        # "the Playstation", "the Wookie": English puts no article before a person's name (but
        # "the Obama administration": there the name qualifies a noun)
        return MISC
    if before in ("a", "an") and label == PER and _heads_its_phrase(after):
        return MISC  # "to pilot a Dune Glider", "to be a Zarkin": a thing, not a person
    if before.islower():
        if before == "of" and _noun_label(before2) == LOC and before2.islower():
            return LOC  # "the town of Fairfax"
        # "shares in Elan fell", not "shares in UK pharmaceutical firm Phytopharm"
        if (
            before in ("in", "of")
            and before2.lower() in ("shares", "stake", "stakes")
            and (not (after.isalpha() and after.islower()) or after in _AFTER_SHARES)
        ):
            return ORG
        if before == "in" and label == PER and after not in ("'s", "’s"):
            return LOC  # "she lives in Fairfax": a place, not a person
        if before.endswith("-based"):
            return ORG  # "Amsterdam-based OneStat"
        kind = _noun_label(before)
        if kind:
            return kind
    # not "X's chief" or "X's spokesman": people have those too
    if after in ("'s", "’s") and after2.lower() in _ORG_AFTER - {"manager"}:
        return ORG
    if after.islower() and label != MISC:
        # after a nationality ("Irish stock exchange", "British fans") a noun says nothing
        if after in _MISC_AFTER or (after in _VEHICLES and b - a > 1):
            return MISC
        if after in _LOC_AFTER:
            return LOC  # "a white Detroit neighbourhood", "Leeds residents"
        if after in _ORG_AFTER and not (after == "manager" and label == PER and b - a > 1):
            return ORG  # "Chelsea manager", not "Johnny Cash manager"
    if after == ",":
        # ", who" may be said of a person named just before ("Ted Cruz of Texas, who"): no cue
        return ORG if after2 == "which" else _appositive_label(words, b + 1)
    return None


# Words after a noun phrase's head: "the Zorbox and ...", "the Zorbox was ...".
_AFTER_HEAD = frozenset(
    "and or but is was has had will would can could to in on at for with of which that".split()
)


def _heads_its_phrase(after: str) -> bool:
    """Whether a name followed by ``after`` ends its noun phrase: punctuation or a function word
    follows, not a noun it qualifies ("the Obama administration") nor a possessive."""
    if after in ("'s", "’s"):
        return False
    return not (after.isalpha() and after.islower()) or after in _AFTER_HEAD


def _title_start(words: Sequence[str], of: int) -> int | None:
    """Where a title ending in "of" at ``words[of]`` starts: a capitalised "The" inside the
    sentence, then capitalised words up to the "of"; None when there is none."""
    i = of - 1
    while i > 0 and words[i][:1].isupper() and words[i] != "The":
        i -= 1
    return i if words[i] == "The" and 1 <= i < of - 1 else None


def _is_age_clause(words: Sequence[str], of: int) -> bool:
    """Whether the "of" at ``words[of]`` follows a person's age between commas: "Ruiz, 23, of"."""
    return (
        of >= 3
        and words[of - 1] == ","
        and words[of - 2].isdigit()
        and len(words[of - 2]) <= 3
        and words[of - 3] == ","
    )


def _example_label(words: Sequence[str], a: int) -> str | None:
    """The kind of a name given as an example of a kind just named: "browser software, like
    Quillfox", "carmakers such as X", "cities including X"."""
    if a >= 2 and words[a - 1].lower() == "as" and words[a - 2].lower() == "such":
        i = a - 3
    elif a >= 1 and words[a - 1] in _EXAMPLE_LINKS:
        i = a - 2
    else:
        return None
    if i >= 0 and words[i] == ",":
        i -= 1
    if i < 0 or not words[i].islower():
        return None
    return _noun_label(words[i])


def _is_minute(word: str) -> bool:
    """A match minute as team sheets write it: two digits ("(Biscan 67)")."""
    return len(word) == 2 and word.isdigit()


def _appositive_label(words: Sequence[str], start: int) -> str | None:
    """The kind named by an appositive opening at ``words[start]``: "a nonprofit organization",
    "Brazil's flagship airline", "an inner-city suburb". Its head is the last kind-noun before the
    appositive ends (a function word or a symbol): "the company's founder" is a person."""
    if start >= len(words):
        return None
    opener = words[start]
    if opener.lower() not in _APPOSITIVE_OPENERS and not (
        start + 1 < len(words) and words[start + 1] in ("'s", "’s")
    ):
        return None
    head = None
    for word in words[start + 1 : start + 1 + _APPOSITIVE_WORDS]:
        if word in ("'s", "’s"):
            continue
        if not word[0].isalnum() or word.lower() in PERSON_PREFIX_WORDS:
            break
        head = word
    return _noun_label(head) if head is not None and head.islower() else None


# Inside one tagged span, a title separates an organisation or a place from a person:
# "U.S. Army Sgt. Bowe Bergdahl", "Acme CEO Maria Lund".
_INNER_TITLES = frozenset(
    """
mr. mrs. ms. dr. prof. sgt. lt. col. gen. capt. maj. cpl. pvt. adm. cmdr. gov. sen. rep. rev.
mr mrs ms dr sgt lt col gen capt maj cpl pvt adm cmdr gov sen rep
ceo cfo coo chairman chairwoman spokesman spokeswoman spokesperson
""".split()
)
# "Chief Justice", "Chief Executive", "Chief Inspector": "Chief" opens a title before another one.
_CHIEF = "chief"


def title_run(words: Sequence[str], i: int, end: int) -> int:
    """Where a title starting at ``words[i]`` ends (``i`` when none starts there): an inner title
    ("Sgt.", "CEO"), "Chief" and the title words after it, or a lower-case role noun ("musician")."""
    low = words[i].lower()
    if low in _INNER_TITLES or (words[i].islower() and low in _PER_NOUNS):
        return i + 1
    if low == _CHIEF and i + 1 < end and words[i + 1].lower() in TITLE_WORDS:
        j = i + 1
        while j < end and words[j].lower() in TITLE_WORDS:
            j += 1
        return j
    return i
