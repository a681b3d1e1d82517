//! The app embeds the compiled corpus index; say how to make it when it is missing.

fn main() {
    let index = std::path::Path::new("target/corpus/index.bin");
    println!("cargo:rerun-if-changed={}", index.display());
    if !index.exists() {
        panic!("{} is missing: compile the content first with `./x corpus` (./x build and ./x test do it)", index.display());
    }
}
