"""The regime as pure Python: states, grounds, panels, deadlines, retention, grades, notices.

Nothing here imports Django. Every rule carries the article it rests on (``Article``) so that a
refusal can name it, and the obligation ID of ``../shared/spec/obligations.md`` it enforces.
"""
