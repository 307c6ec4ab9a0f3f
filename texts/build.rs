//! Every crate of the workspace depends on this one, so rebuilding it
//! rebuilds them all. Cargo tells two checkouts of Bazaar that build into the
//! same target directory apart only by file times: a checkout whose sources
//! are older than another checkout's artefacts would take those artefacts, the
//! browser bundle among them, as its own. `scripts/env.sh` names the checkout,
//! and a change of name rebuilds the workspace (dependencies stay shared).
fn main() {
    println!("cargo:rerun-if-env-changed=BAZAAR_CHECKOUT");
}
