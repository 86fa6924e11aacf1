//! `generate` and `studio`: Prisma commands that belong to the ORM, not to schema
//! management. Recognised (a script that calls them gets a clear answer, not a usage
//! error) and refused with a pointer to the right tool.

use super::Context;
use crate::exit;

/// Says what to run instead; exits non-zero so that a script notices.
pub fn run(context: &Context, command: &str) -> u8 {
    let what = match command {
        "generate" => "generating the Prisma Client",
        _ => "Prisma Studio",
    };
    context.printer.err(&format!(
        "error[not-driftless]: `driftless {command}` does not exist: driftless manages schemas and migrations, not clients; {what} is the ORM's job"
    ));
    context.printer.err("");
    context.printer.hint(&format!(
        "run the ORM's own command: `npx prisma {command}`"
    ));
    exit::REFUSED
}
