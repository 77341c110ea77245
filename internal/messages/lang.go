package messages

import "strings"

// Lang is the language of messages the command line asks for: "en" when
// --lang en is given (--lang=en, -lang en), else "zh", the default. It
// reads args itself, before any flag is parsed, so that an unknown flag
// or command is already reported in the user's language.
func Lang(args []string) string {
	lang := "zh"
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				break
			}
			i++
			value = args[i]
		}
		lang = value
	}
	if lang == "en" {
		return "en"
	}
	return "zh"
}
