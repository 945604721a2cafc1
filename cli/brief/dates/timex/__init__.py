"""A rule-based TIMEX3 temporal tagger for English news: find dates, times, durations and sets,
and resolve them against the publication date. ``brief.dates`` is the public face; the modules
here are the lexicon, calendar arithmetic, sentence context, the rules and the pipeline.
"""
