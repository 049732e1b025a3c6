//! The built binary in a real terminal: tmux gives it a pseudo-terminal, keys go in with
//! `send-keys`, the screen comes back with `capture-pane`. Each test runs its own tmux server
//! (`-L`), so nothing touches a user's sessions. Waits poll the screen with a timeout; no test
//! depends on how fast the machine is.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

// Generous: CI machines under load can be slow to start a binary; a pass never waits this long.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn new(name: &str) -> Tmux {
        let ok = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(ok, "these tests need tmux (`.ci/run` installs it)");
        Tmux {
            socket: format!("accord-{name}-{}", std::process::id()),
        }
    }

    pub fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Starts `accord ARGS` in a fresh 100×30 window, in `dir` when given, with `env` set.
    pub fn start_in(&self, dir: Option<&Path>, env: &[(&str, &str)], args: &[&str]) {
        let mut cmd = String::new();
        if let Some(d) = dir {
            cmd.push_str(&format!("cd '{}' && ", d.display()));
        }
        // No user's config file reaches a test unless the test names one.
        cmd.push_str("exec env TERM=xterm-256color ACCORD_CONFIG=/nonexistent/accord-config.toml");
        for (k, v) in env {
            cmd.push_str(&format!(" {k}='{v}'"));
        }
        cmd.push_str(&format!(" '{}'", env!("CARGO_BIN_EXE_accord")));
        for a in args {
            cmd.push_str(&format!(" '{a}'"));
        }
        let out = self.tmux(&[
            "new-session",
            "-d",
            "-s",
            "app",
            "-x",
            "100",
            "-y",
            "30",
            &cmd,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts `accord ARGS` at 80×24 inside a shell that outlives it: the shell writes the app's
    /// pid to `dir/pid`, and after it exits writes `accord exited CODE` to the screen and
    /// `stty -a` to `dir/stty`, then waits, so the terminal the app left behind can be examined.
    pub fn start_watched(&self, dir: &Path, env: &[(&str, &Path)], today: &str, args: &[&str]) {
        let mut app = format!(
            "exec env TERM=xterm-256color ACCORD_CONFIG=/nonexistent/accord-config.toml ACCORD_TODAY='{today}'"
        );
        for (k, v) in env {
            app.push_str(&format!(" {k}='{}'", v.display()));
        }
        app.push_str(&format!(" '{}'", env!("CARGO_BIN_EXE_accord")));
        for a in args {
            app.push_str(&format!(" '{a}'"));
        }
        let d = dir.display();
        let cmd = format!(
            "sh -c 'echo $$ > \"{d}/pid\"; {app}'; echo \"accord exited $?\"; stty -a > '{d}/stty'; exec sleep 600",
            app = app.replace('\'', "\"")
        );
        let out = self.tmux(&[
            "new-session",
            "-d",
            "-s",
            "app",
            "-x",
            "80",
            "-y",
            "24",
            &cmd,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Pastes `text` as a bracketed paste (`load-buffer`, then `paste-buffer -p`), as a
    /// terminal does when the user pastes.
    pub fn paste(&self, dir: &Path, text: &str) {
        let file = dir.join("paste-buffer.txt");
        std::fs::write(&file, text).unwrap();
        let out = self.tmux(&["load-buffer", "-b", "p", &file.display().to_string()]);
        assert!(out.status.success(), "{out:?}");
        let out = self.tmux(&["paste-buffer", "-p", "-d", "-b", "p", "-t", "app"]);
        assert!(out.status.success(), "{out:?}");
    }

    /// A tmux format of the pane, e.g. `#{alternate_on}`.
    pub fn format(&self, f: &str) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", "app", f]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Starts `accord ARGS` with `ACCORD_TODAY` and paths from `env` (ACCORD_DIR, ACCORD_DATA_DIR…).
    pub fn start(&self, env: &[(&str, &Path)], today: &str, args: &[&str]) {
        let env: Vec<(&str, String)> = env
            .iter()
            .map(|(k, v)| (*k, v.display().to_string()))
            .chain([("ACCORD_TODAY", today.to_string())])
            .collect();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.start_in(None, &env, args);
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "app"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    pub fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "app", "-l", text]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "app"]).stdout)
            .into_owned()
    }

    pub fn alive(&self) -> bool {
        self.tmux(&["has-session", "-t", "app"]).status.success()
    }

    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "waited {TIMEOUT:?} for {needle:?}; the screen shows:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_gone(&self) {
        let start = Instant::now();
        while self.alive() {
            assert!(
                start.elapsed() < TIMEOUT,
                "the app did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn pid(&self) -> u32 {
        let out = self.tmux(&["display-message", "-p", "-t", "app", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("a pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}
