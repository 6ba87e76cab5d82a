"""Dev tooling behind dev.py: the local loop, the two stacks, timings, Lighthouse, the upgrade report."""
