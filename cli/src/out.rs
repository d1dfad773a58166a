//! Printing to standard output. A reader that stops early (`dvctt report |
//! head`) closes the pipe: the command then stops quietly with exit code 0,
//! as `grep` and `rg` do, instead of the panic `println!` gives. Any other
//! write error is reported on stderr with exit code 1.

use std::io::Write;

/// Writes `args` to standard output, or stops the process (see the module).
pub fn write(args: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("dvctt: writing to standard output: {e}");
        std::process::exit(1);
    }
}

/// `print!` that stops quietly when the reader has gone.
macro_rules! out {
    ($($arg:tt)*) => { $crate::out::write(format_args!($($arg)*)) };
}

/// `println!` that stops quietly when the reader has gone.
macro_rules! outln {
    () => { $crate::out::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::out::write(format_args!("{}\n", format_args!($($arg)*))) };
}
