"""The build engine around the stages: the incremental plan, the kept model, caches, the spare
tree, workers and the atomic swap. It calls the stages; no stage imports it."""
