"""The site build: the content model, the MkDocs hook, the strict build, glossary, terminology, link checks."""
