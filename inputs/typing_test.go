package inputs_test

// Names as people type them, and the TOML mistakes people make by hand,
// explained (issue 9, parts 2 and 3).

import (
	"errors"
	"strings"
	"testing"

	"countyscore/inputs"
)

func TestSubjectNamesAsTyped(t *testing.T) {
	tests := []struct {
		name    string
		set     string
		file    string
		data    string
		subject string // the subject read; "" when refused
		field   string // the refusal's field
		line    int
		msg     string // a substring of the refusal
	}{
		{name: "ideographic space inside", set: "garden-county", file: "a.csv", data: "subject,G08\n岚\u3000县,85\n", subject: "岚县"},
		{name: "ASCII spaces inside and around", set: "garden-county", file: "a.csv", data: "subject,G08\n\" 汾 阳 市 \",85\n", subject: "汾阳市"},
		{name: "no-break and zero-width spaces", set: "fitness-2025", file: "a.csv", data: "subject,F03\n孝\u00a0义\u200b市,3\n", subject: "孝义市"},
		{name: "short name with a full-width space, TOML", set: "garden-county", file: "a.toml", data: "subject = \"汾\u3000阳\"\n[garden-county]\nG08 = 85\n", subject: "汾阳市"},
		{name: "unknown county with inner space is one name", set: "garden-county", file: "a.csv", data: "subject,G08\n平 遥县,85\n", subject: "平遥县"},
		{name: "Latin words keep one space", set: "garden-county", file: "a.csv", data: "subject,G08\nPing\u3000\u3000Yao,85\n", subject: "Ping Yao"},
		{name: "known code", set: "garden-county", file: "a.csv", data: "subject,G08\n１４１１８２,85\n", subject: "汾阳市"},
		{name: "unknown code, any-county set", set: "garden-county", file: "a.csv", data: "subject,G08\n141821,85\n", line: 2, field: "subject", msg: "141821 is not the division code of a known subject; did you mean 141182 汾阳市?"},
		{name: "unknown code as a TOML integer", set: "garden-county", file: "a.toml", data: "subject = 141821\n[garden-county]\nG08 = 85\n", line: 1, field: "subject", msg: "did you mean 141182 汾阳市?"},
		{name: "unknown code with spaces", set: "garden-county", file: "a.csv", data: "subject,G08\n141 821,85\n", line: 2, field: "subject", msg: "did you mean 141182 汾阳市?"},
		{name: "unknown code, quota set, nearest among its subjects", set: "fitness-2025", file: "a.csv", data: "subject,F03\n141812,3\n", line: 2, field: "subject", msg: "did you mean 141182 汾阳市?"},
		{name: "a line break is still refused", set: "garden-county", file: "a.csv", data: "subject,G08\n\"汾阳\n市\",85\n", line: 2, field: "subject", msg: "line break"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, err := readBytes(loadSet(t, tc.set), tc.file, []byte(tc.data), &inputs.Warnings{})
			if tc.subject == "" {
				checkRefusal(t, err, tc.file, tc.line, tc.field, tc.msg)
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if recs[0].Subject != tc.subject {
				t.Errorf("subject %q, want %q", recs[0].Subject, tc.subject)
			}
		})
	}
}

// TestSubjectNameWarnsWhenClose: a standard for any county still takes a
// name it does not know, and warns when it is near a known one.
func TestSubjectNameWarnsWhenClose(t *testing.T) {
	w := &inputs.Warnings{}
	recs, err := readBytes(loadSet(t, "garden-county"), "a.csv", []byte("subject,G08\n汾杨\u3000市,85\n"), w)
	if err != nil {
		t.Fatal(err)
	}
	if recs[0].Subject != "汾杨市" || len(w.List()) != 1 || !strings.Contains(w.List()[0], `did you mean "汾阳市"?`) {
		t.Errorf("subject %q, warnings %q", recs[0].Subject, w.List())
	}
}

func TestTOMLTypingMistakes(t *testing.T) {
	head := "subject = \"汾阳市\"\n\n[garden-county]\n"
	tests := []struct {
		name  string
		data  string
		line  int
		field string
		msg   string
	}{
		{name: "yes unquoted", data: head + "G01.1 = 是\n", line: 4, field: "G01.1", msg: `not valid TOML: put the value in quotes: G01.1 = "是"`},
		{name: "percent sign unquoted", data: head + "G12 = 78%\n", line: 4, field: "G12", msg: `put the value in quotes: G12 = "78%"`},
		{name: "percent sign unquoted, a comment after", data: head + "G12 = 78.5 %   # 2024\n", line: 4, field: "G12", msg: `put the value in quotes: G12 = "78.5 %"`},
		{name: "full-width digits unquoted", data: head + "G12 = ７８\n", line: 4, field: "G12", msg: `G12 = "７８"`},
		{name: "subject unquoted", data: "subject = 汾阳市\n[garden-county]\nG08 = 85\n", line: 1, field: "subject", msg: `subject = "汾阳市"`},
		{name: "curly quotes", data: head + "G01.1 = “是”\n", line: 4, field: "G01.1", msg: `use straight quotes: G01.1 = "是"`},
		{name: "no value", data: head + "G12 =\nG08 = 85\n", line: 4, field: "G12", msg: `give one, or "" for not measured`},
		{name: "full-width equals", data: head + "G12 ＝ 78\n", line: 4, field: "G12", msg: "write the = sign in ASCII: G12 = 78"},
		{name: "colon for equals", data: head + "G12: 78\n", line: 4, field: "G12", msg: "write the = sign in ASCII: G12 = 78"},
		{name: "key set twice", data: head + "G08 = 85\nG12 = 78\nG08 = 86\n", line: 6, field: "G08", msg: "G08 is set twice (first on line 4)"},
		{name: "dotted key set twice", data: head + "G09.coverage = 41\nG09.coverage = 42\n", line: 5, field: "G09.coverage", msg: "set twice (first on line 4)"},
		{name: "table started twice", data: head + "G08 = 85\n[garden-county]\nG12 = 78\n", line: 5, field: "garden-county", msg: "the table [garden-county] is started twice (first on line 3)"},
		{name: "an unreadable quoted value keeps the parser's words", data: head + "G08 = \"85\" %\n", line: 4, msg: "not valid TOML: expected a top-level item"},
		{name: "measure above the header", data: "subject = \"汾阳市\"\nG08 = 85\n[garden-county]\nG12 = 78\n", line: 2, field: "G08", msg: "G08 stands above the [garden-county] header, where it is not read as a measure; move it under [garden-county]"},
		{name: "dotted measure above the header", data: "subject = \"汾阳市\"\nG01.1 = true\n\n[garden-county]\nG12 = 78\n", line: 2, field: "G01.1", msg: "move it under [garden-county]"},
		{name: "subject under the header", data: "[garden-county]\nsubject = \"汾阳市\"\nG12 = 78\n", line: 2, field: "subject", msg: "move it above the [garden-county] header"},
		{name: "swapped digits", data: head + "G63.2 = 100\n", line: 4, field: "G63.2", msg: `did you mean "G36.2"?`},
	}
	set := loadSet(t, "garden-county")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := inputs.ReadTOML("a.toml", []byte(tc.data), set, &inputs.Warnings{})
			checkRefusal(t, err, "a.toml", tc.line, tc.field, tc.msg)
			var errs *inputs.Errors
			if errors.As(err, &errs) && errs.Len() != 1 {
				t.Errorf("%d errors, want 1: %v", errs.Len(), err)
			}
		})
	}
}

// TestNoSuggestionAlreadyGiven: a did-you-mean never names a key the file
// already sets, in TOML or in a CSV header.
func TestNoSuggestionAlreadyGiven(t *testing.T) {
	tests := []struct {
		name, file, data, field string
		line                    int
	}{
		{name: "TOML", file: "a.toml", data: "subject = \"汾阳市\"\n[garden-county]\nG36.2 = 100\nG63.2 = 90\n", field: "G63.2", line: 4},
		{name: "CSV header", file: "a.csv", data: "subject,G36.2,G63.2\n汾阳市,100,90\n", field: "G63.2", line: 1},
		{name: "CSV header, suggestion of a known column", file: "a.csv", data: "subject,subjcet,G08\n汾阳市,x,1\n", field: "subjcet", line: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readBytes(loadSet(t, "garden-county"), tc.file, []byte(tc.data), &inputs.Warnings{})
			checkRefusal(t, err, tc.file, tc.line, tc.field, "unknown")
			var ie *inputs.Error
			errors.As(err, &ie)
			if strings.Contains(ie.Msg, "did you mean") {
				for _, given := range []string{`"G36.2"`, `"subject"`} {
					if strings.Contains(ie.Msg, given) {
						t.Errorf("suggests %s, which the file already has: %s", given, ie.Msg)
					}
				}
			}
		})
	}
}

// TestPercentTypedAsOne: 1 or 1.0 for a percent whose requirement is at
// least 80 % is read as typed, with the fraction warning; where the
// requirement is low, or with a % sign, 1 is a plausible value and passes
// quietly.
func TestPercentTypedAsOne(t *testing.T) {
	tests := []struct {
		name, file, data string
		warn             bool
	}{
		{name: "TOML 1 for G08 (≥ 80)", file: "a.toml", data: "subject = \"汾阳市\"\n[garden-county]\nG08 = 1\n", warn: true},
		{name: "TOML 1.0 for G08", file: "a.toml", data: "subject = \"汾阳市\"\n[garden-county]\nG08 = 1.0\n", warn: true},
		{name: "TOML \"1\" for G29.1 (> 80)", file: "a.toml", data: "subject = \"汾阳市\"\n[garden-county]\nG29.1 = \"1\"\n", warn: true},
		{name: "CSV 1 for G08", file: "a.csv", data: "subject,G08\n汾阳市,1\n", warn: true},
		{name: "CSV full-width １．０ for G08", file: "a.csv", data: "subject,G08\n汾阳市,１．０\n", warn: true},
		{name: "CSV 1% for G08", file: "a.csv", data: "subject,G08\n汾阳市,1%\n", warn: false},
		{name: "CSV 1 for G10 (≥ 38.9)", file: "a.csv", data: "subject,G10\n汾阳市,1\n", warn: false},
		{name: "TOML 1.5 for G08", file: "a.toml", data: "subject = \"汾阳市\"\n[garden-county]\nG08 = 1.5\n", warn: false},
	}
	set := loadSet(t, "garden-county")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := &inputs.Warnings{}
			recs, err := readBytes(set, tc.file, []byte(tc.data), w)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 1 {
				t.Fatalf("%d records", len(recs))
			}
			warned := len(w.List()) == 1 && strings.Contains(w.List()[0], "looks like a fraction") && strings.Contains(w.List()[0], tc.file+":")
			if warned != tc.warn || len(w.List()) > 1 {
				t.Errorf("warnings %q; want a fraction warning: %v", w.List(), tc.warn)
			}
		})
	}
}
