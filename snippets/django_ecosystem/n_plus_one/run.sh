# Run from the snippets/ folder of the guide, inside its environment.
# --8<-- [start:bench]
python -m django_ecosystem.n_plus_one.bench --authors 200 1000
# --8<-- [end:bench]
