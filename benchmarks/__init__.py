"""`make bench`: each figure next to a floor measured in the same run on the same machine."""
