fn main() -> std::process::ExitCode {
    appxlint::cli::main()
}
