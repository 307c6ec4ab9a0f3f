# Bazaar's two commands, and a few for day-to-day work. The scripts install
# what is missing and start PostgreSQL and Redis when they are not running.

.PHONY: run test bench check fmt sqlx-prepare services tools cluster cluster-stop

## Build and serve the marketplace with demo data on http://127.0.0.1:3000.
run:
	bash scripts/run.sh

## Everything: formatting, lints, unit, integration and end-to-end tests.
test:
	bash scripts/test.sh

## Throughput, latency and bundle size, written to bench/results/<time>.json.
bench:
	bash scripts/bench.sh

## The release build on two nodes behind HAProxy, with S3-compatible storage
## and the payment emulator as its own process, on http://localhost:3000.
cluster:
	bash scripts/cluster.sh start

## Stop what `make cluster` started.
cluster-stop:
	bash scripts/cluster.sh stop

## Fast compile check of server and browser code.
check:
	bash -c 'source scripts/env.sh && cargo check --workspace --features bazaar/ssr && cargo check -p bazaar --lib --features hydrate --target wasm32-unknown-unknown'

fmt:
	cargo fmt --all

## Regenerate .sqlx after changing a query (needs the local database).
sqlx-prepare:
	bash scripts/sqlx-prepare.sh

services:
	bash scripts/services.sh

tools:
	bash scripts/tools.sh
