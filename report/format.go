package report

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"countyscore/pipeline"
)

// Renderer lays out documents in one format. Render returns
// ErrUnsupported for a document the format does not show, never another
// format's output.
type Renderer interface {
	Render(w io.Writer, doc pipeline.Document) error
}

// ErrUnsupported is returned for a document a format does not render.
var ErrUnsupported = errors.New("format does not render this document")

// format is one registered output format.
type format struct {
	name string
	// only lists the document kinds the format renders; nil means every
	// kind (the core formats must render them all, and a test holds them
	// to it).
	only []string
	// binary formats are refused on a terminal (see IsBinary).
	binary bool
	make   func(lang string) Renderer
}

// formats is the one registry of output formats: adding a format is one
// file and one line here.
var formats = []format{
	{name: "table", make: func(lang string) Renderer { return &textRenderer{lang: lang} }},
	{name: "json", make: func(lang string) Renderer { return jsonRenderer{} }},
	{name: "csv", make: func(lang string) Renderer { return &csvRenderer{lang: lang} }},
	{name: "markdown", make: func(lang string) Renderer { return &textRenderer{lang: lang, md: true} }},
	{name: "toml", only: []string{pipeline.KindTemplate}, make: func(lang string) Renderer { return tomlRenderer{lang: lang} }},
	{name: "html", only: htmlKinds, make: func(lang string) Renderer { return htmlRenderer{lang: lang} }},
	{name: "xlsx", only: xlsxKinds, binary: true, make: func(lang string) Renderer { return xlsxRenderer{lang: lang} }},
}

// IsBinary reports whether format name writes bytes that are not text (a
// workbook): a command sends it to a file or a pipe, never a terminal.
func IsBinary(name string) bool {
	for _, f := range formats {
		if f.name == name {
			return f.binary
		}
	}
	return false
}

// Formats lists the formats that render documents of kind, in registry
// order, for flag help and validation.
func Formats(kind string) []string {
	var out []string
	for _, f := range formats {
		if f.only == nil || slices.Contains(f.only, kind) {
			out = append(out, f.name)
		}
	}
	return out
}

// New returns the renderer of format name in lang for documents of kind;
// an unknown format, or one that does not render kind, is an error that
// lists the formats that do.
func New(name, lang, kind string, opts ...Option) (Renderer, error) {
	if err := CheckLang(lang); err != nil {
		return nil, err
	}
	for _, f := range formats {
		if f.name == name && (f.only == nil || slices.Contains(f.only, kind)) {
			r := f.make(lang)
			for _, o := range opts {
				o(r)
			}
			return r, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Formats(kind), ", "))
}

// Option sets how a renderer lays out its output.
type Option func(Renderer)

// Width fits the tables and lines of the text formats to w display cells
// (a terminal's width); 0, the default, keeps the full layout. Other
// formats ignore it.
func Width(w int) Option {
	return func(r Renderer) {
		if t, ok := r.(*textRenderer); ok && !t.md {
			t.width = w
		}
	}
}

// Names lists every registered format.
func Names() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.name
	}
	return out
}

// Any returns format name's renderer whatever document it will be given,
// for tests that hold every format to every document.
func Any(name, lang string) (Renderer, bool) {
	for _, f := range formats {
		if f.name == name {
			return f.make(lang), true
		}
	}
	return nil, false
}

// unsupported is what a renderer returns for a document it does not show.
func unsupported(format string, doc pipeline.Document) error {
	return fmt.Errorf("%s: %s: %w", format, doc.Kind(), ErrUnsupported)
}
