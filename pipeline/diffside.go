package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"sync/atomic"
	"unsafe"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// diffSide is what a diff keeps of one side (OLD or NEW) of a scored run,
// in the side's input order: per subject only what the diff prints or
// compares (name, year, where it was read, points, verdict, rank, which
// indicators were met and its measured values), the values packed into
// a few bytes each. A 100,000-subject side takes about 25 MB, and none of
// it holds a pointer, so the collector never scans it; a subject's record
// and scored result are dropped as soon as they are summed up.
type diffSide struct {
	rows         chunked[sideRow]
	blobs        blobArena
	names        blobArena
	nameText     []string  // the blocks of names as text, once the side is read
	index        nameIndex // subject → its row
	files        []string
	verdicts     []string // the verdicts given, in order of first use
	ranks        []int
	illustrative bool
	metBytes     int        // bytes of the met bitset at the head of each blob
	kinds        valueKinds // the layout of its packed values
	// naBytes are the bytes after the met bitset that say, per indicator
	// (two each), which of naReasons makes it not applicable (0: none);
	// none at all for a set in which nothing can be not applicable.
	naBytes   int
	naReasons []NAItem // the distinct reasons met on this side
}

// sideRow is one subject of a side, in 64 bytes.
type sideRow struct {
	blob       blobRef // the met bitset, then every measure's value packed
	name       blobRef // the subject's name
	hash       uint64  // of the name, for the index
	file       uint32  // in files
	line       int32
	year       int32
	verdict    uint16 // in verdicts
	illus      bool
	pointsMeta uint8 // the points, packed (exact.Pack)
	order      int32 // the verdict's place on the set's scale
	points     uint64
}

// score is the row's points.
func (r *sideRow) score() exact.Decimal { return exact.Unpack(r.points, r.pointsMeta) }

// subject is the row's subject name, cut from the text of its block of
// names: no allocation per subject.
func (side *diffSide) subject(r *sideRow) string {
	return side.nameText[r.name.block][r.name.start:r.name.end]
}

// name is the row's subject name while the side is read (bytes of its
// arena, compared without a copy), then subject.
func (side *diffSide) name(r *sideRow) string {
	if side.nameText != nil {
		return side.subject(r)
	}
	return string(side.names.get(r.name))
}

// met is the row's met bitset, values its packed values.
func (side *diffSide) met(r *sideRow) []byte { return side.blobs.get(r.blob)[:side.metBytes] }

func (side *diffSide) values(r *sideRow) []byte {
	return side.blobs.get(r.blob)[side.metBytes+side.naBytes:]
}

// na is the reason indicator k of the row does not apply, if it does not.
func (side *diffSide) na(r *sideRow, k int) (NAItem, bool) {
	if side.naBytes == 0 {
		return NAItem{}, false
	}
	b := side.blobs.get(r.blob)[side.metBytes+2*k:]
	i := binary.LittleEndian.Uint16(b)
	if i == 0 {
		return NAItem{}, false
	}
	return side.naReasons[i-1], true
}

// appendNA appends, per indicator, the place of its not-applicable reason
// in naReasons plus one (0: it applies).
func (side *diffSide) appendNA(buf []byte, inds []scoring.Indicator) []byte {
	for _, ind := range inds {
		var i int
		if ind.Status == scoring.StatusNA {
			item := NAItem{Reason: ind.Reason, ReasonEn: ind.ReasonEn, Source: ind.NASource}
			i = slices.Index(side.naReasons, item) + 1
			if i == 0 {
				side.naReasons = append(side.naReasons, item)
				i = len(side.naReasons)
			}
		}
		buf = binary.LittleEndian.AppendUint16(buf, uint16(min(i, 0xffff)))
	}
	return buf
}

// find returns the row of subject name.
func (side *diffSide) find(name string, hash uint64) (int, bool) {
	return side.index.find(hash, func(row int) bool {
		r := side.rows.at(row)
		return r.hash == hash && side.name(r) == name
	})
}

// errStopped ends a side whose partner failed first: its result is not
// wanted.
var errStopped = errors.New("stopped")

// readDiffSide reads and scores every subject of files under the scored
// set s into a diffSide. A subject given twice on one side is bad input.
// With whole (OLD, read and checked whole before it is scored) a reader's
// errors come first, then the first subject given twice, then the first
// that cannot be scored; without it (NEW, diffed as it is read) the side
// stops at the first of any. stop, once set, ends the reading early.
// Names are hashed with seed. With inline, each record is read as it is
// scored (config.inline).
func readDiffSide(s *criteria.Set, files []string, warns *inputs.Warnings, seed maphash.Seed, whole, inline bool, stop *atomic.Bool) (*diffSide, error) {
	side := &diffSide{files: files, metBytes: (len(s.Indicators) + 7) / 8, index: newNameIndex(seed), kinds: kindsOf(s)}
	if s.HasNA() {
		side.naBytes = 2 * len(s.Indicators)
	}
	scorer := scoring.NewScorer(s, scoring.StandingOnly())
	scale := scoring.NewVerdictScale(s)
	var dup, bad error // the first subject given twice, the first that cannot be scored
	most := side.metBytes + side.naBytes + side.kinds.bitBytes + len(s.Measures)*maxPacked
	fileAt := -1
	err := eachYear(s, files, warns, config{inline: inline}, func(rec *inputs.Record) error {
		// A side keeps only what it packs of a record: the reader reads
		// later rows into it.
		defer inputs.Release(rec)
		if stop.Load() {
			return errStopped
		}
		if dup != nil {
			return nil
		}
		hash := side.index.hash(rec.Subject)
		if i, ok := side.find(rec.Subject, hash); ok {
			f := side.rows.at(i)
			dup = &inputs.Error{File: rec.File, Line: yearLine(rec), Field: "year",
				Msg: fmt.Sprintf("%s is given for %d here and for %d at %s; each side of a diff holds one year of a subject (use trend for several)",
					rec.Subject, rec.Year, f.year, placeOf(&inputs.Record{File: side.files[f.file], Line: int(f.line)}))}
			if whole {
				return nil
			}
			return dup
		}
		if fileAt < 0 || files[fileAt] != rec.File {
			fileAt = max(0, slices.Index(files, rec.File))
		}
		row := sideRow{name: side.names.add([]byte(rec.Subject)), hash: hash, file: uint32(fileAt), line: int32(rec.Line), year: int32(rec.Year),
			illus: rec.Illustrative}
		var r *scoring.Scored
		if bad == nil {
			var err error
			if r, err = scorer.Score(rec); err != nil {
				if bad = err; !whole {
					return err
				}
			}
		}
		if bad == nil { // else the row is kept for the check of subjects given twice only
			block, start := side.blobs.room(most)
			*block = appendMet(*block, side.metBytes, r.Indicators)
			if side.naBytes > 0 {
				*block = side.appendNA(*block, r.Indicators)
			}
			*block = appendValues(*block, rec.Values, side.kinds)
			row.blob = side.blobs.cut(start)
			v := slices.Index(side.verdicts, r.Verdict)
			if v < 0 {
				v = len(side.verdicts)
				side.verdicts = append(side.verdicts, r.Verdict)
			}
			row.verdict, row.order = uint16(v), int32(scale.Order(r.Verdict))
			row.points, row.pointsMeta = exact.Pack(r.Points.V)
			side.illustrative = side.illustrative || rec.Illustrative
		}
		side.index.insert(hash, side.rows.len())
		side.rows.add(row)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if dup != nil {
		return nil, dup
	}
	if bad != nil {
		return nil, bad
	}
	// The blocks of names become their text without a copy: nothing
	// writes to them once the side is read.
	for _, b := range side.names.blocks {
		side.nameText = append(side.nameText, unsafe.String(unsafe.SliceData(b), len(b)))
	}
	side.names = blobArena{}
	side.ranks = scoring.ScoredRanksOf(side.rows.len(), func(i int) scoring.ScoredStanding {
		r := side.rows.at(i)
		return scoring.ScoredStanding{Verdict: int(r.order), Points: r.score()}
	})
	return side, nil
}

// appendMet appends the bitset of the indicators r met in full (or whose
// bonus it earned).
func appendMet(buf []byte, n int, inds []scoring.Indicator) []byte {
	start := len(buf)
	buf = append(buf, make([]byte, n)...)
	for k, ind := range inds {
		if ind.Status == scoring.StatusMet || ind.Status == scoring.StatusBonus {
			buf[start+k/8] |= 1 << (k % 8)
		}
	}
	return buf
}

// A packed value is one tag byte, then the decimal's coefficient as a
// varint when it is not 0: bit 0 of the tag is Bool, bit 1 the sign, bit
// 2 a coefficient follows, bits 3–7 the scale (at most 19). A missing
// value is the tag 0xff, which no given value has; a true/false is one
// byte; a value typed 不适用 is the tag 0xfe. Packing keeps the decimal as it was typed (42.60 stays 42.60), so
// two values whose bytes are equal are equal, and two whose bytes differ
// are compared as decimals.
const (
	tagBool    = 1 << 0
	tagNeg     = 1 << 1
	tagCoef    = 1 << 2
	tagMissing = 0xff
	tagNA      = 0xfe
	maxPacked  = 1 + binary.MaxVarintLen64
)

// valueKinds is the layout of a side's packed values: a yes/no measure's
// value (missing, false or true, nearly all of them) takes two bits of a
// field at the head, not a byte; every other value takes its bytes in
// the stream after it. Two in three of garden-county's measures are
// yes/no, and a side's values are most of its memory.
type valueKinds struct {
	isBool   []bool // per measure
	bitBytes int    // the field's bytes: two bits a yes/no measure
}

func kindsOf(s *criteria.Set) valueKinds {
	k := valueKinds{isBool: make([]bool, len(s.Measures))}
	n := 0
	for i, m := range s.Measures {
		if m.Kind == criteria.Bool {
			k.isBool[i] = true
			n++
		}
	}
	k.bitBytes = (n + 3) / 4
	return k
}

// The two bits of a yes/no value: codeStream is any value they cannot
// say (不适用), which the stream holds in its place.
const (
	codeMissing = iota
	codeFalse
	codeTrue
	codeStream
)

// boolCode is the two bits of v, a yes/no measure's value.
func boolCode(v inputs.Value) uint8 {
	switch v {
	case inputs.Value{}:
		return codeMissing
	case inputs.Value{Given: true}:
		return codeFalse
	case inputs.Value{Given: true, Bool: true}:
		return codeTrue
	}
	return codeStream
}

// bitCode is the k-th yes/no value's two bits in field.
func bitCode(field []byte, k int) uint8 { return field[k/4] >> (2 * (k % 4)) & 3 }

// appendValues packs vals onto buf, as kinds lays them out. It writes
// into buf's spare capacity (the arena's room) by index, not append by
// append: two sides of 100,000 subjects pack some fourteen million
// values.
func appendValues(buf []byte, vals []inputs.Value, kinds valueKinds) []byte {
	n := len(buf)
	buf = slices.Grow(buf, kinds.bitBytes+len(vals)*maxPacked)
	b := buf[:cap(buf)]
	field := b[n : n+kinds.bitBytes]
	clear(field)
	n += kinds.bitBytes
	k := 0 // yes/no values so far
	for i, v := range vals {
		if kinds.isBool[i] {
			c := boolCode(v)
			field[k/4] |= c << (2 * (k % 4))
			k++
			if c != codeStream {
				continue
			}
		}
		n = packValue(b, n, v)
	}
	return b[:n]
}

// packValue writes v packed at b[n:], and returns where it ends.
func packValue(b []byte, n int, v inputs.Value) int {
	if !v.Given {
		b[n] = tagMissing
		if v.NA {
			b[n] = tagNA
		}
		return n + 1
	}
	coef, meta := exact.Pack(v.Num)
	tag := meta << 3
	if v.Bool {
		tag |= tagBool
	}
	if meta&0x80 != 0 {
		tag |= tagNeg
	}
	if coef == 0 {
		b[n] = tag
		return n + 1
	}
	b[n] = tag | tagCoef
	n++
	for coef >= 0x80 {
		b[n] = byte(coef) | 0x80
		coef >>= 7
		n++
	}
	b[n] = byte(coef)
	return n + 1
}

// nextValue splits the first packed value off p: its bytes and the rest.
func nextValue(p []byte) (one, rest []byte) {
	if p[0] == tagMissing || p[0] == tagNA || p[0]&tagCoef == 0 {
		return p[:1], p[1:]
	}
	n := 2
	for p[n-1] >= 0x80 {
		n++
	}
	return p[:n], p[n:]
}

// unpackValue is the value one packed.
func unpackValue(one []byte) inputs.Value {
	tag := one[0]
	if tag == tagMissing {
		return inputs.Value{}
	}
	if tag == tagNA {
		return inputs.Value{NA: true}
	}
	var coef uint64
	if tag&tagCoef != 0 {
		coef, _ = binary.Uvarint(one[1:])
	}
	meta := tag >> 3
	if tag&tagNeg != 0 {
		meta |= 0x80
	}
	return inputs.Value{Given: true, Bool: tag&tagBool != 0, Num: exact.Unpack(coef, meta)}
}

// blobArena holds many short byte strings in large blocks, so a side of
// 100,000 subjects makes a few dozen allocations, not 100,000.
type blobArena struct {
	blocks [][]byte
}

// blobRef is where a byte string lies in its arena.
type blobRef struct {
	block, start, end uint32
}

const blobBlock = 1 << 20

func (a *blobArena) add(p []byte) blobRef {
	block, start := a.room(len(p))
	*block = append(*block, p...)
	return a.cut(start)
}

// room makes sure the last block has n bytes free and returns it and its
// length, for the caller to append up to n bytes and then cut them.
func (a *blobArena) room(n int) (*[]byte, int) {
	last := len(a.blocks) - 1
	if last < 0 || len(a.blocks[last])+n > cap(a.blocks[last]) {
		a.blocks = append(a.blocks, make([]byte, 0, max(blobBlock, n)))
		last++
	}
	return &a.blocks[last], len(a.blocks[last])
}

// cut is the byte string appended to the last block since start.
func (a *blobArena) cut(start int) blobRef {
	last := len(a.blocks) - 1
	return blobRef{block: uint32(last), start: uint32(start), end: uint32(len(a.blocks[last]))}
}

func (a *blobArena) get(r blobRef) []byte { return a.blocks[r.block][r.start:r.end:r.end] }

// nameIndex finds a side's row by subject name: an open-addressed table
// of row numbers, which holds no pointer (a map of strings would have the
// collector scan 100,000 names at every cycle). Each slot keeps the high
// half of its name's hash beside the row, so a probe reads a row only
// when the halves agree.
type nameIndex struct {
	seed  maphash.Seed
	slots []uint64 // hash>>32<<32 | row+1; 0 is empty
	n     int
}

// newNameIndex hashes with seed: the two sides of a diff share one, so a
// name hashed on NEW's side is looked up in OLD's index as it is.
func newNameIndex(seed maphash.Seed) nameIndex {
	return nameIndex{seed: seed, slots: make([]uint64, 1024)}
}

func (x *nameIndex) hash(name string) uint64 { return maphash.String(x.seed, name) }

// A name's place is chosen by the high half of its hash, the half its
// slot keeps, so the table doubles without reading a row again.

// find returns the row whose name is, by is, the one hashed to h.
func (x *nameIndex) find(h uint64, is func(row int) bool) (int, bool) {
	mask := uint64(len(x.slots) - 1)
	for i := h >> 32 & mask; x.slots[i] != 0; i = (i + 1) & mask {
		if x.slots[i]>>32 == h>>32 {
			if row := int(uint32(x.slots[i])) - 1; is(row) {
				return row, true
			}
		}
	}
	return 0, false
}

// insert adds row, whose name hashes to h.
func (x *nameIndex) insert(h uint64, row int) {
	if 2*(x.n+1) > len(x.slots) {
		old := x.slots
		x.slots = make([]uint64, 2*len(old))
		for _, slot := range old {
			if slot != 0 {
				x.put(slot)
			}
		}
	}
	x.put(h>>32<<32 | uint64(row+1))
	x.n++
}

// put sets slot in the first free place from its hash's.
func (x *nameIndex) put(slot uint64) {
	mask := uint64(len(x.slots) - 1)
	i := slot >> 32 & mask
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = slot
}
