"""Rereading of easy-to-read pages by people concerned.

An editor opens a rereading of a page and sends invitation links (no account, no
password); each rereader marks the sentences they did not understand, writes the words
they did not understand and answers a few questions with pictures; the editor sees the
marks per sentence, revises the text, then records the rereading, which is written into
the easy text's front matter (`review`) and committed when the content is a git work
tree. A page is then « relu », and « à revoir » as soon as it changes again.
"""
