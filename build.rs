//! Lets the binary find its native libraries without environment variables: libtorch
//! (linked, found through an rpath) and PDFium (loaded at run time from a path baked in
//! here; `CLAIMSCAN_PDFIUM` overrides it, see `src/ingest/pdf/engine.rs`).
fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if let Ok(libtorch) = std::env::var("LIBTORCH") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{libtorch}/lib");
    }
    // Where scripts/setup-pdfium.sh puts the library (`make` runs it).
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    println!("cargo:rustc-env=CLAIMSCAN_PDFIUM_DEFAULT={manifest_dir}/.pdfium/libpdfium.so");
}
