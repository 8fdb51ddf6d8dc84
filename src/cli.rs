//! The `indsats` command line's words: each command, its options and their help, in Danish
//! with the English in brackets (clap). `main.rs` acts on them.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "indsats",
    version,
    about = "Statisk portal for sundhedsindsatser / static site generator for health-plan portals"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Byg portalen fra site.yaml, content/ og themes/ til public/ (build the site)
    Build {
        /// Sidens mappe (the site's folder)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Hvor siden skrives hen (output folder; default: public/ under --root)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Adressen siden lægges på, fx https://example.dk/sundhed/ (overrides base_url)
        #[arg(long)]
        base_url: Option<String>,
        /// Tag kladder med (udkast: true) (include drafts)
        #[arg(long)]
        drafts: bool,
        /// Tag filer med, hvis udgives-dato ikke er nået endnu (include files scheduled for later)
        #[arg(long)]
        fremtid: bool,
        /// Byg siden, som den ser ud på denne dag, ÅÅÅÅ-MM-DD (build date; default: SOURCE_DATE_EPOCH, else today)
        #[arg(long)]
        dato: Option<String>,
        /// Advarsler tæller som fejl: intet udgives (warnings fail the build)
        #[arg(long)]
        strict: bool,
        /// Skriv kun fejl og advarsler (print only errors and warnings)
        #[arg(long, short, conflicts_with = "verbose")]
        quiet: bool,
        /// Vis tid og hukommelse for hver fase (time and memory per phase)
        #[arg(long, short)]
        verbose: bool,
    },
    /// Opret en ny indsats med alle nøgler (create a new initiative file)
    New {
        /// planperiode/filnavn, fx 2022-2023/mental-balance
        target: String,
        /// Sidens mappe (the site's folder)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Tema fra site.yaml (theme)
        #[arg(long)]
        tema: Option<String>,
        /// Titel (title)
        #[arg(long)]
        titel: Option<String>,
        /// Kopiér fra samme indsats i en tidligere planperiode, fx 2020-2021 (copy from an earlier plan)
        #[arg(long)]
        fra: Option<String>,
    },
    /// Tjek siden før udgivelse: fejl, døde links, billeder uden alt-tekst, forældede indsatser (check the site)
    Check {
        /// Sidens mappe (the site's folder)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Tjek kladder med (include drafts)
        #[arg(long)]
        drafts: bool,
        /// Tjek siden, som den ser ud på denne dag, ÅÅÅÅ-MM-DD (build date; default: SOURCE_DATE_EPOCH, else today)
        #[arg(long)]
        dato: Option<String>,
        /// Advarsler tæller som fejl (warnings fail too)
        #[arg(long)]
        strict: bool,
        /// Udskrift: tekst eller json (output format)
        #[arg(long, value_enum, default_value = "tekst")]
        format: CheckFormat,
    },
    /// Læs en statusrapport (tabulator-separeret eksport) og skriv en kladde pr. indsats (import a status report)
    Import {
        /// Rapporten, fx statusrapport-2020-2021.txt (the report file)
        file: PathBuf,
        /// Planperioden, fx 2020-2021 (the plan period)
        #[arg(long)]
        plan: String,
        /// Hvor filerne skrives hen (output folder; default: content/indsatser/<plan>/ under --root)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Sidens mappe (the site's folder)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Erstat filer, der findes; de gamle gemmes som .bak (replace existing files, keeping .bak copies)
        #[arg(long, conflicts_with = "ved_siden_af")]
        force: bool,
        /// Skriv en kladde, hvis fil findes, ved siden af den (x-importeret.md), så de kan sammenlignes i serve
        #[arg(long)]
        ved_siden_af: bool,
    },
    /// Vis siden i browseren, og byg den igen, hver gang en fil gemmes (live preview)
    Serve {
        /// Sidens mappe (the site's folder)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Adressen serveren lytter på (bind address; loopback unless told otherwise)
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Porten; er den optaget, prøves den næste (port; 0 = any free port)
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Vis ikke kladder (udkast: true); ellers vises de (indsatser mærket "Kladde") (hide drafts)
        #[arg(long)]
        no_drafts: bool,
        /// Kladder vises som standard i serve (kept so that old commands still work)
        #[arg(long, hide = true, conflicts_with = "no_drafts")]
        drafts: bool,
        /// Kig efter ændringer med jævne mellemrum (for netværksdrev) (poll for changes)
        #[arg(long)]
        poll: bool,
        /// Åbn siden i browseren (open the browser)
        #[arg(long)]
        open: bool,
        /// Vis siden, som den ser ud på denne dag, ÅÅÅÅ-MM-DD (fixed date; default: today, read again at midnight)
        #[arg(long)]
        dato: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CheckFormat {
    Tekst,
    Json,
}
