package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/messages"
)

// langKey is where run leaves the language of messages in the app's
// metadata, read from the arguments before any flag is parsed.
const langKey = "lang"

// msgLang is the language of c's messages: "en" or "zh".
func msgLang(c *cli.Context) string {
	if l, ok := c.App.Metadata[langKey].(string); ok {
		return l
	}
	return "zh"
}

// say writes one message line to stderr: "countyscore: " and msg in lang.
func say(w io.Writer, lang, msg string) {
	fmt.Fprintf(w, "countyscore: %s\n", messages.Translate(lang, msg))
}

// where is a problem's location as the English messages print it
// ("file:line: field: ", "file: "); it is kept in every language.
func where(file string, line int, field string) string {
	at := file
	if line > 0 {
		at = fmt.Sprintf("%s:%d", file, line)
	}
	if field != "" {
		at += ": " + field
	}
	if at == "" {
		return ""
	}
	return at + ": "
}

// sayError writes err in lang, a line a problem. In English it is
// err's own text, unchanged; otherwise each problem's message is
// translated after its location, which stays as it is.
func sayError(w io.Writer, lang string, err error) {
	if lang == "en" {
		fmt.Fprintf(w, "countyscore: %v\n", err)
		return
	}
	var le *criteria.LoadError
	if errors.As(err, &le) {
		for _, p := range le.Problems.Sorted() {
			if p.Severity == criteria.Error {
				fmt.Fprintf(w, "countyscore: %s%s\n", where(p.File, p.Line, ""), problemText(lang, p))
			}
		}
		return
	}
	var ie *inputs.Error
	if errors.As(err, &ie) && ie.Error() == err.Error() {
		fmt.Fprintf(w, "countyscore: %s%s\n", where(ie.File, ie.Line, ie.Field), messages.Translate(lang, ie.Msg))
		return
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		say(w, lang, line)
	}
}

// problemText is a criteria problem's severity and message in lang.
func problemText(lang string, p criteria.Problem) string {
	return messages.Translate(lang, fmt.Sprintf("%s: %s", p.Severity, p.Message))
}
