fn main() {
    prepwise::mount();
}
