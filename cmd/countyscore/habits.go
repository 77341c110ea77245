package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

// version is what --version prints: the module version the binary was
// built from (go install …@v1.2.0), or for a build from a checkout the
// commit and its date, from the build info Go records in every binary.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	var rev, at, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += fmt.Sprintf(" (commit %s, %s%s)", rev, at, modified)
	}
	return v + " " + info.GoVersion
}

// completing reports whether the shell asks for completions: urfave/cli
// reads the request from the last argument, which must stay last.
func completing(args []string) bool {
	return len(args) > 0 && args[len(args)-1] == "--generate-bash-completion"
}

// width is how wide tables may be: --width, or else the terminal's width
// when stdout is one, or else no limit (piped output keeps the full
// layout, byte for byte).
func width(c *cli.Context) (int, error) {
	if c.IsSet("width") {
		w := c.Int("width")
		if w < 0 || w > 0 && w < minWidth {
			return 0, usagef("--width %d: want %d or more columns (0: no limit)", w, minWidth)
		}
		return w, nil
	}
	if c.String("output") != "" {
		return 0, nil
	}
	if f, ok := c.App.Writer.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w >= minWidth {
			return w, nil
		}
	}
	return 0, nil
}

// minWidth is the narrowest layout offered: below it no table of two
// columns fits with its borders.
const minWidth = 40

// completionCommand prints a shell's completion script; the script asks
// the binary itself (urfave/cli's --generate-bash-completion) for the
// commands and flags, so it never goes stale.
func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: eval \"$(countyscore completion bash)\" (or zsh)",
		ArgsUsage: "bash|zsh",
		Action: func(c *cli.Context) error {
			switch c.Args().First() {
			case "bash":
				_, err := fmt.Fprint(c.App.Writer, bashCompletion)
				return err
			case "zsh":
				_, err := fmt.Fprint(c.App.Writer, zshCompletion)
				return err
			}
			return usagef("completion: say which shell: bash or zsh")
		},
	}
}

const bashCompletion = `# countyscore completion for bash: eval "$(countyscore completion bash)"
_countyscore() {
  local cur opts
  cur="${COMP_WORDS[COMP_CWORD]}"
  if [[ "$cur" == -* ]]; then
    opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o bashdefault -o default -F _countyscore countyscore
`

const zshCompletion = `#compdef countyscore
# countyscore completion for zsh: eval "$(countyscore completion zsh)"
_countyscore() {
  local -a opts
  local cur=${words[-1]}
  if [[ "$cur" == -* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}
compdef _countyscore countyscore
`
