"""Forecasting: temporal knowledge graph benchmarks and dyad forecasts from the store.

Modules, in data-flow order: `data` (benchmark folders as arrays), `history` (features of
candidate objects from the past), `ranker` (the LightGBM forecaster), `scoring` (filtered ranks
and metrics), `bench` (the benchmark run), `synthetic` (scale graphs), `dyad` (store forecasts
and backtests) and `cli` (the `eventlens forecast` sub-app). Nothing is imported here, so
importing the package costs nothing.
"""
