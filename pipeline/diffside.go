package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"sync/atomic"

	"countyscore/criteria"
	"countyscore/exact"
	"countyscore/inputs"
	"countyscore/scoring"
)

// diffSide is what a diff keeps of one side (OLD or NEW) of a scored run,
// in the side's input order: per subject only what the diff prints or
// compares (name, year, where it was read, points, verdict, rank, which
// indicators were met and its measured values), the values packed into
// a few bytes each. A 100,000-subject side takes about 30 MB, and none of
// it holds a pointer, so the collector never scans it; a subject's record
// and scored result are dropped as soon as they are summed up.
type diffSide struct {
	rows         chunked[sideRow]
	blobs        blobArena
	index        nameIndex // subject → its row
	files        []string
	verdicts     []string // the verdicts given, in order of first use
	ranks        []int
	illustrative bool
	metBytes     int // bytes of the met bitset after the name in each blob
}

// sideRow is one subject of a side.
type sideRow struct {
	blob    blobRef // the subject's name, the met bitset, every measure's value packed
	name    uint32  // bytes of the name at the head of blob
	hash    uint64  // of the name, for the index
	file    uint32  // in files
	line    int32
	year    int32
	verdict uint8 // in verdicts
	illus   bool
	order   int32 // the verdict's place on the set's scale
	points  exact.Decimal
}

// subject is the row's subject name.
func (side *diffSide) subject(r *sideRow) string {
	return string(side.blobs.get(r.blob)[:r.name])
}

// met is the row's met bitset, values its packed values.
func (side *diffSide) met(r *sideRow) []byte {
	return side.blobs.get(r.blob)[r.name : int(r.name)+side.metBytes]
}

func (side *diffSide) values(r *sideRow) []byte {
	return side.blobs.get(r.blob)[int(r.name)+side.metBytes:]
}

// find returns the row of subject name.
func (side *diffSide) find(name string, hash uint64) (int, bool) {
	return side.index.find(hash, func(row int) bool {
		r := side.rows.at(row)
		return r.hash == hash && string(side.blobs.get(r.blob)[:r.name]) == name
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
func readDiffSide(s *criteria.Set, files []string, warns *inputs.Warnings, whole bool, stop *atomic.Bool) (*diffSide, error) {
	side := &diffSide{files: files, metBytes: (len(s.Indicators) + 7) / 8}
	scorer := scoring.NewScorer(s)
	scale := scoring.NewVerdictScale(s)
	var dup, bad error // the first subject given twice, the first that cannot be scored
	buf := make([]byte, 0, 64+side.metBytes+len(s.Measures)*11)
	fileAt := -1
	err := eachYear(s, files, warns, func(rec *inputs.Record) error {
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
		row := sideRow{name: uint32(len(rec.Subject)), hash: hash, file: uint32(fileAt), line: int32(rec.Line), year: int32(rec.Year),
			illus: rec.Illustrative}
		buf = append(buf[:0], rec.Subject...)
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
			buf = appendMet(buf, side.metBytes, r.Indicators)
			buf = appendValues(buf, rec.Values)
			v := slices.Index(side.verdicts, r.Verdict)
			if v < 0 {
				v = len(side.verdicts)
				side.verdicts = append(side.verdicts, r.Verdict)
			}
			row.verdict, row.order, row.points = uint8(v), int32(scale.Order(r.Verdict)), r.Points.V
			side.illustrative = side.illustrative || rec.Illustrative
		}
		row.blob = side.blobs.add(buf)
		side.index.insert(hash, side.rows.len(), side.rehash)
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
	standings := make([]scoring.ScoredStanding, side.rows.len())
	for i := range standings {
		r := side.rows.at(i)
		standings[i] = scoring.ScoredStanding{Verdict: int(r.order), Points: r.points}
	}
	side.ranks = scoring.ScoredRanks(standings)
	return side, nil
}

func (side *diffSide) rehash(row int) uint64 { return side.rows.at(row).hash }

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

// A packed value is one tag byte, then (when given) the decimal's
// coefficient as a varint: bit 0 of the tag is Given, bit 1 Bool, bit 2
// the sign, bits 3–7 the scale (at most 19). Packing keeps the decimal as
// it was typed (42.60 stays 42.60), so two values whose bytes are equal
// are equal, and two whose bytes differ are compared as decimals.
const (
	tagGiven = 1 << 0
	tagBool  = 1 << 1
	tagNeg   = 1 << 2
)

func appendValues(buf []byte, vals []inputs.Value) []byte {
	for _, v := range vals {
		if !v.Given {
			buf = append(buf, 0)
			continue
		}
		coef, meta := exact.Pack(v.Num)
		tag := byte(tagGiven) | byte(meta&0x7f)<<3
		if v.Bool {
			tag |= tagBool
		}
		if meta&0x80 != 0 {
			tag |= tagNeg
		}
		buf = append(buf, tag)
		buf = binary.AppendUvarint(buf, coef)
	}
	return buf
}

// nextValue splits the first packed value off p: its bytes and the rest.
func nextValue(p []byte) (one, rest []byte) {
	if p[0] == 0 {
		return p[:1], p[1:]
	}
	_, n := binary.Uvarint(p[1:])
	return p[:1+n], p[1+n:]
}

// unpackValue is the value one packed.
func unpackValue(one []byte) inputs.Value {
	tag := one[0]
	if tag&tagGiven == 0 {
		return inputs.Value{}
	}
	coef, _ := binary.Uvarint(one[1:])
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
	last := len(a.blocks) - 1
	if last < 0 || len(a.blocks[last])+len(p) > cap(a.blocks[last]) {
		a.blocks = append(a.blocks, make([]byte, 0, max(blobBlock, len(p))))
		last++
	}
	b := &a.blocks[last]
	start := len(*b)
	*b = append(*b, p...)
	return blobRef{block: uint32(last), start: uint32(start), end: uint32(len(*b))}
}

func (a *blobArena) get(r blobRef) []byte { return a.blocks[r.block][r.start:r.end:r.end] }

// nameIndex finds a side's row by subject name: an open-addressed table
// of row numbers, which holds no pointer (a map of strings would have the
// collector scan 100,000 names at every cycle).
type nameIndex struct {
	seed  maphash.Seed
	slots []uint32 // row+1; 0 is empty
	n     int
}

func (x *nameIndex) hash(name string) uint64 {
	if x.slots == nil {
		x.seed = maphash.MakeSeed()
		x.slots = make([]uint32, 1024)
	}
	return maphash.String(x.seed, name)
}

// find returns the row whose name is, by is, the one hashed to h.
func (x *nameIndex) find(h uint64, is func(row int) bool) (int, bool) {
	mask := uint64(len(x.slots) - 1)
	for i := h & mask; x.slots[i] != 0; i = (i + 1) & mask {
		if row := int(x.slots[i]) - 1; is(row) {
			return row, true
		}
	}
	return 0, false
}

// insert adds row, whose name hashes to h; hashOf gives any row's hash
// when the table grows.
func (x *nameIndex) insert(h uint64, row int, hashOf func(row int) uint64) {
	if 2*(x.n+1) > len(x.slots) {
		old := x.slots
		x.slots = make([]uint32, 2*len(old))
		for _, r := range old {
			if r != 0 {
				x.put(hashOf(int(r)-1), r)
			}
		}
	}
	x.put(h, uint32(row)+1)
	x.n++
}

func (x *nameIndex) put(h uint64, slot uint32) {
	mask := uint64(len(x.slots) - 1)
	i := h & mask
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = slot
}
