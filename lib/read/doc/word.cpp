// Word 97-2003 binary documents ([MS-DOC]) to raw tables and paragraphs.
//
// The path from bytes to tables:
//  1. the compound file (cfb.cpp): the WordDocument stream, the table stream
//     (0Table or 1Table, as FibBase.fWhichTblStm says) and, when a paragraph
//     needs it, the Data stream;
//  2. the FIB (§2.5.1): identification, version (nFib: Word 97 and later),
//     encryption, ccpText (the main text's length) and the offsets of the
//     structures below, found through csw/cslw/cbRgFcLcb as §2.5.1 lays out;
//  3. the piece table (Clx): the main text [0, ccpText) as pieces,
//     each 8-bit "compressed" (cp1252, §2.4.1) or UTF-16LE, with its Prm;
//  4. character properties (PlcBteChpx → ChpxFkp) and paragraph properties
//     (PlcBtePapx → PapxFkp; sprmPHugePapx in the Data stream), applied as
//     sprms (§2.6) — only the ones that change
//     what text a cell holds or how the table is laid out;
//  5. the text walked in CP order: paragraphs end at 0x0D, at 0x07 (cell and
//     row marks) and at a 0x0C that closes its paragraph run (section mark);
//     fields keep their result and drop their code (0x13 code 0x14 result
//     0x15, nested); deleted revisions (sprmCFRMarkDel) are dropped;
//  6. tables: a paragraph's depth is its itap (sprmPItap/PDtap, or 1
//     for sprmPFInTable); cells end at a cell mark (0x07 at depth 1, a
//     paragraph with sprmPFInnerTableCell deeper), rows at the table
//     terminating paragraph (sprmPFTtp / sprmPFInnerTtp) whose sprms hold
//     the row's layout: sprmTDefTable (cell edges rgdxaCenter and TC80 merge
//     flags), then sprmTInsert/TDelete/TDxaCol/TMerge/TSplit/TVertMerge and
//     sprmTTableHeader. The grid's columns are the union of every row's cell
//     edges, as Word lays them out, so rows whose edges differ get spans.
#include <jixiao/document.hpp>

#include "detail/limits.hpp"
#include "detail/symbol.hpp"
#include "detail/utf8.hpp"
#include "read/doc/binary.hpp"
#include "read/doc/cfb.hpp"
#include "read/doc/word.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

namespace jixiao {
inline namespace v0 {

namespace {

using detail::le::i16;
using detail::le::u16;
using detail::le::u32;
using detail::le::u8;

struct word_failure {
    error e;
};

[[noreturn]] void corrupt(std::string msg, std::uint64_t offset = location::npos) {
    error e;
    e.code = errc::doc_corrupt;
    e.message = "Word document: " + std::move(msg);
    e.at.offset = offset;
    throw word_failure{std::move(e)};
}

[[noreturn]] void refuse(errc code, std::string msg) {
    error e;
    e.code = code;
    e.message = std::move(msg);
    e.at.offset = 0;
    throw word_failure{std::move(e)};
}

// A bounded view of a stream: slicing past its end is corruption, named.
std::string_view slice(std::string_view s, std::uint64_t at, std::uint64_t n, const char* what) {
    if (at > s.size() || n > s.size() - at)
        corrupt(fmt::format("{} (bytes {}–{}) lies past the end of its stream ({} bytes)", what, at, at + n, s.size()), at);
    return s.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(n));
}

// --- sprms (§2.2.5.1, §2.6) ------------------------------------------------------

constexpr std::uint16_t sprmCFRMarkDel = 0x0800;
constexpr std::uint16_t sprmCFSpec = 0x0855;
constexpr std::uint16_t sprmCSymbol = 0x6A09;
constexpr std::uint16_t sprmCRgFtc0 = 0x4A4F;
constexpr std::uint16_t sprmPFInTable = 0x2416;
constexpr std::uint16_t sprmPFTtp = 0x2417;
constexpr std::uint16_t sprmPItap = 0x6649;
constexpr std::uint16_t sprmPDtap = 0x664A;
constexpr std::uint16_t sprmPFInnerTableCell = 0x244B;
constexpr std::uint16_t sprmPFInnerTtp = 0x244C;
constexpr std::uint16_t sprmPHugePapx = 0x6646;
constexpr std::uint16_t sprmPChgTabs = 0xC615;
constexpr std::uint16_t sprmTDefTable = 0xD608;
constexpr std::uint16_t sprmTInsert = 0x7621;
constexpr std::uint16_t sprmTDelete = 0x5622;
constexpr std::uint16_t sprmTDxaCol = 0x7623;
constexpr std::uint16_t sprmTMerge = 0x5624;
constexpr std::uint16_t sprmTSplit = 0x5625;
constexpr std::uint16_t sprmTVertMerge = 0xD62B;
constexpr std::uint16_t sprmTTableHeader = 0x3404;

// Calls f(sprm, operand) for each Prl of a grpprl; a Prl cut short ends it.
template <class F>
void each_prl(std::string_view g, F&& f) {
    std::size_t i = 0;
    while (i + 2 <= g.size()) {
        const std::uint16_t sprm = u16(g, i);
        i += 2;
        std::size_t n = 0;
        switch (sprm >> 13) {  // spra: the operand's size
        case 0:
        case 1: n = 1; break;
        case 2:
        case 4:
        case 5: n = 2; break;
        case 3: n = 4; break;
        case 7: n = 3; break;
        default:  // 6: variable
            if (sprm == sprmTDefTable) {  // a 2-byte cb, counting itself minus one (§2.9.321)
                if (i + 2 > g.size()) return;
                n = std::max<std::size_t>(2, std::size_t{u16(g, i)} + 1);
            } else if (sprm == sprmPChgTabs && i < g.size() && u8(g, i) == 255) {  // PChgTabsOperand: sized by its two lists
                if (i + 2 > g.size()) return;
                const std::size_t del = u8(g, i + 1);
                if (i + 2 + 4 * del >= g.size()) return;
                n = 2 + 4 * del + 1 + 3 * std::size_t{u8(g, i + 2 + 4 * del)};
            } else {
                if (i >= g.size()) return;
                n = 1 + std::size_t{u8(g, i)};
            }
        }
        if (n > g.size() - i) return;
        f(sprm, g.substr(i, n));
        i += n;
    }
}

// A Bool8 or ToggleOperand: 0x80 ("as the style") is read as off, 0x81 as on.
bool flag(std::string_view op) { return !op.empty() && (u8(op, 0) == 1 || u8(op, 0) == 0x81); }

// Character properties that decide what text is kept.
struct chp {
    bool deleted = false;  // sprmCFRMarkDel: a deleted revision
    bool special = false;  // sprmCFSpec
    bool symbol = false;   // sprmCSymbol
    std::uint16_t font = 0xFFFF;  // sprmCRgFtc0: the run's font (for ASCII characters)
    std::uint16_t symbol_font = 0;
    char16_t symbol_char = 0;
};

void apply_chp(chp& c, std::uint16_t sprm, std::string_view op) {
    switch (sprm) {
    case sprmCFRMarkDel: c.deleted = flag(op); break;
    case sprmCFSpec: c.special = flag(op); break;
    case sprmCRgFtc0:
        if (op.size() >= 2) c.font = u16(op, 0);
        break;
    case sprmCSymbol:
        if (op.size() >= 4) {
            c.symbol = true;
            c.symbol_font = u16(op, 0);
            c.symbol_char = static_cast<char16_t>(u16(op, 2));
        }
        break;
    default: break;
    }
}

// A row's layout (TAP): cell edges in twips and each cell's TC flags (TCGRF: bits
// 0–1 horizontal merge, 5–6 vertical merge).
struct tap {
    bool defined = false;
    bool header = false;
    std::vector<std::int32_t> edges;  // cells + 1
    std::vector<std::uint16_t> flags;  // one per cell
};

constexpr std::size_t max_tap_cells = 255;  // itc operands are one byte; Word allows 63

// Paragraph properties that place a paragraph in a table.
struct pap {
    bool in_table = false;
    bool ttp = false;
    bool inner_cell = false;
    bool inner_ttp = false;
    bool itap_set = false;
    std::int32_t itap = 0;
    tap row;
};

// Prm0 (§2.9.215): the sprms of its isprm table that matter here.
std::uint16_t prm0_sprm(unsigned isprm) {
    switch (isprm) {
    case 0x18: return sprmPFInTable;
    case 0x19: return sprmPFTtp;
    case 0x41: return sprmCFRMarkDel;
    default: return 0;
    }
}

// cp1252 for bytes 0x80–0x9F of "compressed" pieces (§2.4.1); other bytes are Latin-1.
char16_t cp1252(std::uint8_t b) {
    static constexpr std::array<char16_t, 32> high = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    return b >= 0x80 && b < 0xA0 ? high[b - 0x80] : char16_t{b};
}

// A run of a formatted disk page: [begin, end) in the WordDocument stream and
// where its grpprl is (absolute offset; length 0 for none).
struct run {
    std::uint32_t begin = 0, end = 0;
    std::uint32_t grpprl_at = 0;
    std::uint32_t grpprl_len = 0;
};

struct piece {
    std::uint32_t cp_begin = 0, cp_end = 0;
    std::uint32_t fc = 0;  // byte offset of its first character
    bool compressed = false;
    std::uint16_t prm = 0;
};

// Finds the run holding an fc; runs are sorted and disjoint. Moves forward
// in O(1) while the text goes forward, binary-searches on jumps.
class run_cursor {
public:
    explicit run_cursor(const std::vector<run>& runs) : runs_(runs) {}
    // Index of the run holding fc, or -1.
    std::ptrdiff_t find(std::uint32_t fc) {
        if (i_ < runs_.size() && runs_[i_].begin <= fc && fc < runs_[i_].end) return static_cast<std::ptrdiff_t>(i_);
        if (i_ + 1 < runs_.size() && runs_[i_ + 1].begin <= fc && fc < runs_[i_ + 1].end) return static_cast<std::ptrdiff_t>(++i_);
        auto it = std::upper_bound(runs_.begin(), runs_.end(), fc, [](std::uint32_t v, const run& r) { return v < r.begin; });
        if (it == runs_.begin()) return -1;
        --it;
        if (fc >= it->end) return -1;
        i_ = static_cast<std::size_t>(it - runs_.begin());
        return static_cast<std::ptrdiff_t>(i_);
    }

private:
    const std::vector<run>& runs_;
    std::size_t i_ = 0;
};

// --- tables --------------------------------------------------------------------

enum class mark : std::uint8_t { plain, cell_end, row_end };

// One paragraph as the table builder sees it.
struct para {
    std::string text;
    std::uint32_t level = 0;  // table depth (0: body)
    mark kind = mark::plain;
    const tap* row = nullptr;  // the TTP's layout, for row ends
    bool row_deleted = false;
    location at;
};

class table_builder {
public:
    table_builder(const limits& lim, diagnostics& out, raw_document& doc) : lim_(lim), out_(out), doc_(doc) {}

    void paragraph(para& p) {
        if (p.level > lim_.max_table_nesting) breach("max_table_nesting", fmt::format("tables nested more than {} deep", lim_.max_table_nesting), p.at);
        while (stack_.size() > p.level) close();
        while (stack_.size() < p.level) open(p.at);
        if (p.level == 0) {
            if (!detail::trim(p.text).empty()) {
                paragraph_out q;
                q.text = std::move(p.text);
                q.before_table = doc_.tables.size();
                q.at = p.at;
                doc_.paragraphs.push_back(std::move(q));
            }
            return;
        }
        switch (p.kind) {
        case mark::plain: add_text(stack_.size() - 1, p.text, p.at); break;
        case mark::cell_end:
            add_text(stack_.size() - 1, p.text, p.at);
            end_cell(stack_.back());
            break;
        case mark::row_end:
            if (!detail::trim(p.text).empty()) add_text(stack_.size() - 1, p.text, p.at);
            end_row(stack_.back(), p.row, p.row_deleted, p.at);
            break;
        }
    }

    void finish() {
        while (!stack_.empty()) close();
    }

private:
    using paragraph_out = jixiao::paragraph;

    struct open_table {
        std::uint32_t index = 0;
        raw_table t;
        raw_row row;
        raw_cell cell;
        bool cell_open = false;
        bool cell_first = true;
        std::uint64_t cells = 0;
        std::vector<std::vector<std::int32_t>> edges;  // per row; empty when the row has no layout
    };

    [[noreturn]] void breach(const char* name, std::string msg, const location& at) const {
        throw word_failure{detail::limit_breach(name, fmt::format("{} (at byte {} of WordDocument)", msg, at.offset), at)};
    }

    void open(const location& at) {
        open_table t;
        t.index = static_cast<std::uint32_t>(doc_.tables.size());
        doc_.tables.emplace_back();  // reserved: nested tables come after it
        t.t.spans_declared = true;
        t.t.at = at;
        t.t.at.table = static_cast<int>(t.index);
        if (!stack_.empty()) {
            t.t.parent = static_cast<int>(stack_.back().index);
            ensure_cell(stack_.size() - 1, at);
            stack_.back().cell.nested.push_back(t.index);
        }
        stack_.push_back(std::move(t));
    }

    void ensure_cell(std::size_t level, const location& at) {
        open_table& t = stack_[level];
        if (t.cell_open) return;
        t.cell = raw_cell{};
        t.cell.at = at;
        t.cell.at.table = static_cast<int>(t.index);
        t.cell_open = true;
        t.cell_first = true;
    }

    void add_text(std::size_t level, const std::string& text, const location& at) {
        ensure_cell(level, at);
        open_table& t = stack_[level];
        if (!t.cell_first) t.cell.text += '\n';
        t.cell_first = false;
        t.cell.text += text;
        if (t.cell.text.size() > lim_.max_cell_bytes)
            breach("max_cell_bytes", fmt::format("a cell holds {} bytes of text, more than {}", t.cell.text.size(), lim_.max_cell_bytes), at);
    }

    void end_cell(open_table& t) {
        if (!t.cell_open) {  // a cell mark with no paragraph before it: an empty cell
            t.cell = raw_cell{};
            t.cell.at.table = static_cast<int>(t.index);
        }
        if (t.row.cells.size() >= lim_.max_cols) breach("max_cols", fmt::format("a row has more than {} cells", lim_.max_cols), t.cell.at);
        if (++t.cells > lim_.max_cells) breach("max_cells", fmt::format("a table has more than {} cells", lim_.max_cells), t.cell.at);
        t.row.cells.push_back(std::move(t.cell));
        t.cell = raw_cell{};
        t.cell_open = false;
    }

    void end_row(open_table& t, const tap* layout, bool deleted, const location& at) {
        if (t.cell_open) end_cell(t);
        raw_row row = std::move(t.row);
        t.row = raw_row{};
        row.at = row.cells.empty() ? at : row.cells.front().at;
        row.at.table = static_cast<int>(t.index);
        if (deleted) {
            out_.push_back({severity::info, "doc.deleted_row", "a row deleted with tracked changes is left out (the accepted view)", row.at});
            return;
        }
        std::vector<std::int32_t> edges;
        if (layout != nullptr && layout->defined) {
            row.repeated_header = layout->header;
            const std::size_t n = std::min(row.cells.size(), layout->flags.size());
            for (std::size_t k = 0; k < n; ++k) {
                const std::uint16_t f = layout->flags[k];
                const unsigned horizontal = f & 3u, vertical = (f >> 5) & 3u;
                if (horizontal == 1) row.cells[k].horizontal = hmerge::restart;
                else if (horizontal >= 2) row.cells[k].horizontal = hmerge::continue_;
                if (vertical == 3) row.cells[k].vertical = vmerge::restart;
                else if (vertical == 1) row.cells[k].vertical = vmerge::continue_;
            }
            if (row.cells.size() != layout->flags.size())
                out_.push_back({severity::warning, "doc.row_cells_mismatch",
                                fmt::format("a row has {} cell marks but its layout defines {} cells", row.cells.size(), layout->flags.size()), row.at});
            edges.assign(layout->edges.begin(), layout->edges.begin() + static_cast<std::ptrdiff_t>(n + 1));
        } else {
            out_.push_back({severity::warning, "doc.row_without_layout", "a table row has no row layout (sprmTDefTable): its cells take one column each", row.at});
        }
        if (t.t.rows.size() >= lim_.max_rows) breach("max_rows", fmt::format("a table has more than {} rows", lim_.max_rows), row.at);
        t.t.rows.push_back(std::move(row));
        t.edges.push_back(std::move(edges));
    }

    // The grid's columns: every distinct cell edge of every row (Word's own
    // layout). A cell spans the columns between its edges; a row starting
    // right of the leftmost edge skips columns (grid_before), one ending
    // left of the rightmost leaves them (grid_after).
    void close() {
        open_table t = std::move(stack_.back());
        stack_.pop_back();
        if (t.cell_open || !t.row.cells.empty()) {
            out_.push_back({severity::warning, "doc.unterminated_row", "a table row ends without its row mark", t.cell.at});
            end_row(t, nullptr, false, t.cell.at);
        }
        std::vector<std::int32_t> all;
        for (const auto& e : t.edges) all.insert(all.end(), e.begin(), e.end());
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        auto column = [&](std::int32_t x) { return static_cast<std::uint32_t>(std::lower_bound(all.begin(), all.end(), x) - all.begin()); };
        const std::uint32_t width = all.size() >= 2 ? static_cast<std::uint32_t>(all.size() - 1) : 0;
        if (width > lim_.max_cols) breach("max_cols", fmt::format("a table's cells have {} distinct edges, more than {} columns", all.size(), lim_.max_cols), t.t.at);
        t.t.declared_cols = width;
        for (std::size_t r = 0; r < t.t.rows.size(); ++r) {
            raw_row& row = t.t.rows[r];
            const std::vector<std::int32_t>& e = t.edges[r];
            if (e.empty()) continue;
            row.grid_before = column(e.front());
            std::uint32_t at = row.grid_before;
            for (std::size_t k = 0; k + 1 < e.size(); ++k) {
                const std::uint32_t right = column(e[k + 1]);
                row.cells[k].colspan = right > at ? right - at : 1;  // edges out of order: one column
                at = std::max(at + 1, right);
            }
            row.grid_after = width > at ? width - at : 0;
        }
        std::uint64_t cols = width;
        for (const raw_row& r : t.t.rows) {
            std::uint64_t w = std::uint64_t{r.grid_before} + r.grid_after;
            for (const raw_cell& c : r.cells) w += c.colspan;
            cols = std::max(cols, w);
        }
        if (cols * t.t.rows.size() > lim_.max_grid_slots)
            breach("max_grid_slots", fmt::format("a table of {} rows and {} columns needs more than {} grid slots", t.t.rows.size(), cols, lim_.max_grid_slots), t.t.at);
        doc_.tables[t.index] = std::move(t.t);
    }

    const limits& lim_;
    diagnostics& out_;
    raw_document& doc_;
    std::vector<open_table> stack_;
};

// --- the document ----------------------------------------------------------------

class word_reader {
public:
    word_reader(const detail::stream_opener& open, const read_options& opts, diagnostics& out, raw_document& doc)
        : open_(open), opts_(opts), out_(out), tables_(opts.lim, out, doc) {}

    void read() {
        auto word = open_("WordDocument");
        if (!word) corrupt("no WordDocument stream");
        word_ = take(std::move(*word));
        fib();
        const char* table_name = which_table_ ? "1Table" : "0Table";
        auto table = open_(table_name);
        if (!table) corrupt(fmt::format("no table stream {} (the FIB names it)", table_name), 0x0A);
        table_ = take(std::move(*table));
        budget_ = 16 * (std::uint64_t{word_.size()} + table_.size()) + (1u << 20);
        pieces();
        fonts();
        chpx_runs_ = runs(fc_lcb(12), false);
        papx_runs_ = runs(fc_lcb(13), true);
        text();
        tables_.finish();
    }

private:
    static std::string take(result<std::string> r) {
        if (!r) throw word_failure{r.err()};
        return std::move(r.value());
    }

    // --- FIB (§2.5.1) ---
    void fib() {
        const std::string_view w = word_;
        if (w.size() < 0x22) corrupt(fmt::format("the WordDocument stream holds {} bytes, too few for a FIB", w.size()), 0);
        if (u16(w, 0) != 0xA5EC) corrupt(fmt::format("the FIB's wIdent is 0x{:04X}, not 0xA5EC", u16(w, 0)), 0);
        const std::uint16_t nfib = u16(w, 2);
        const std::uint16_t flags = u16(w, 0x0A);
        if (flags & 0x0100)
            refuse(errc::encrypted, flags & 0x8000 ? "an encrypted (XOR-obfuscated) Word document: cannot be read without its password"
                                                   : "an encrypted (password-protected) Word document: cannot be read without its password");
        if (nfib < 0x00C0)
            refuse(errc::unsupported, fmt::format("a Word 6.0/95 or older document (nFib 0x{:04X}): only Word 97 and later .doc files are read", nfib));
        which_table_ = (flags & 0x0200) != 0;
        std::size_t at = 0x20;
        const std::size_t csw = u16(w, at);
        at += 2 + 2 * csw;
        if (at + 2 > w.size()) corrupt("the FIB is cut short (FibRgW)", 0x20);
        const std::size_t cslw = u16(w, at);
        const std::size_t rglw = at + 2;
        if (cslw < 4 || rglw + 4 * cslw + 2 > w.size()) corrupt("the FIB is cut short (FibRgLw)", at);
        ccp_text_ = u32(w, rglw + 12);
        at = rglw + 4 * cslw;
        const std::size_t pairs = u16(w, at);
        rgfclcb_ = at + 2;
        if (pairs < 34 || rgfclcb_ + 8 * pairs > w.size()) corrupt(fmt::format("the FIB's FibRgFcLcb holds {} pairs, fewer than Word 97's", pairs), at);
        npairs_ = pairs;
    }

    std::pair<std::uint32_t, std::uint32_t> fc_lcb(std::size_t i) const {
        if (i >= npairs_) return {0, 0};
        return {u32(word_, rgfclcb_ + 8 * i), u32(word_, rgfclcb_ + 8 * i + 4)};
    }

    // --- piece table (Clx, PlcPcd) ---
    void pieces() {
        const auto [fc, lcb] = fc_lcb(33);
        const std::string_view clx = slice(table_, fc, lcb, "the piece table (Clx)");
        std::size_t i = 0;
        while (i < clx.size() && u8(clx, i) == 0x01) {  // Prc: a grpprl that pieces' Prm refer to
            if (i + 3 > clx.size()) corrupt("the piece table's property list is cut short", fc + i);
            const std::int16_t cb = i16(clx, i + 1);
            if (cb < 0 || i + 3 + static_cast<std::size_t>(cb) > clx.size()) corrupt("a property list of the piece table runs past it", fc + i);
            prcs_.push_back(clx.substr(i + 3, static_cast<std::size_t>(cb)));
            i += 3 + static_cast<std::size_t>(cb);
        }
        if (i + 5 > clx.size() || u8(clx, i) != 0x02) corrupt("the Clx holds no piece table (Pcdt)", fc + i);
        const std::uint32_t size = u32(clx, i + 1);
        const std::string_view plc = slice(clx, i + 5, size, "the piece table (PlcPcd)");
        if (size < 16 || (size - 4) % 12 != 0) corrupt(fmt::format("the piece table is {} bytes, not 4 + 12n", size), fc + i);
        const std::size_t n = (size - 4) / 12;
        std::uint64_t bytes = 0;
        for (std::size_t k = 0; k < n; ++k) {
            piece p;
            p.cp_begin = u32(plc, 4 * k);
            p.cp_end = u32(plc, 4 * (k + 1));
            const std::size_t pcd = 4 * (n + 1) + 8 * k;
            const std::uint32_t raw = u32(plc, pcd + 2);
            p.compressed = (raw & 0x40000000u) != 0;
            p.fc = p.compressed ? (raw & 0x3FFFFFFFu) / 2 : (raw & 0x3FFFFFFFu);
            p.prm = u16(plc, pcd + 6);
            if (p.cp_end <= p.cp_begin || (k == 0 && p.cp_begin != 0) || (k > 0 && p.cp_begin != pieces_.back().cp_end))
                corrupt("the piece table's character positions do not increase", fc + i + 5 + 4 * k);
            if (p.cp_begin >= ccp_text_) break;  // past the main text: footnotes, headers …
            const std::uint64_t chars = std::min(p.cp_end, ccp_text_) - p.cp_begin;
            const std::uint64_t len = p.compressed ? chars : 2 * chars;
            if (p.fc + len > word_.size())
                corrupt(fmt::format("a piece of text (bytes {}–{}) lies past the end of the WordDocument stream ({} bytes)", p.fc, p.fc + len, word_.size()), p.fc);
            bytes += len;
            pieces_.push_back(p);
        }
        if (bytes > word_.size()) corrupt("the pieces of text overlap (they hold more bytes than the WordDocument stream)", fc);
        if (ccp_text_ > 0 && (pieces_.empty() || pieces_.back().cp_end < ccp_text_))
            corrupt(fmt::format("the main text is {} characters but the pieces hold fewer", ccp_text_), fc);
    }

    // --- font names (SttbfFfn), for symbols ---
    void fonts() {
        const auto [fc, lcb] = fc_lcb(15);
        if (lcb < 4 || std::uint64_t{fc} + lcb > table_.size()) return;
        const std::string_view s = std::string_view(table_).substr(fc, lcb);
        const std::size_t count = u16(s, 0);
        std::size_t i = 4;
        for (std::size_t k = 0; k < count && i < s.size(); ++k) {
            const std::size_t cch = u8(s, i);
            const std::string_view ffn = s.substr(i + 1, std::min(cch, s.size() - i - 1));
            std::string name;
            detail::le::utf16_decoder dec;
            for (std::size_t j = 39; j + 1 < ffn.size() && u16(ffn, j) != 0; j += 2) dec.put(static_cast<char16_t>(u16(ffn, j)), name);
            dec.flush(name);
            fonts_.push_back(std::move(name));
            i += 1 + cch;
        }
    }

    // --- formatted disk pages (ChpxFkp, PapxFkp) ---
    std::vector<run> runs(std::pair<std::uint32_t, std::uint32_t> where, bool paragraphs) {
        std::vector<run> out;
        const auto [fc, lcb] = where;
        if (lcb == 0) return out;
        const std::string_view plc = slice(table_, fc, lcb, paragraphs ? "the paragraph property index (PlcBtePapx)" : "the character property index (PlcBteChpx)");
        if (lcb < 4 || (lcb - 4) % 8 != 0) corrupt(fmt::format("a property index is {} bytes, not 4 + 8n", lcb), fc);
        const std::size_t n = (lcb - 4) / 8;
        std::size_t skipped = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint64_t page_at = std::uint64_t{u32(plc, 4 * (n + 1) + 4 * k) & 0x3FFFFFu} * 512;
            const std::string_view page = slice(word_, page_at, 512, "a formatted disk page");
            const std::size_t crun = u8(page, 511);
            const std::size_t entry = paragraphs ? 13 : 1;
            if (4 * (crun + 1) + entry * crun > 511) corrupt(fmt::format("a formatted disk page declares {} runs, more than it holds", crun), page_at + 511);
            for (std::size_t r = 0; r < crun; ++r) {
                run x;
                x.begin = u32(page, 4 * r);
                x.end = u32(page, 4 * (r + 1));
                const std::size_t b = u8(page, 4 * (crun + 1) + entry * r);
                if (b != 0) {
                    std::size_t at = 2 * b, len = 0;
                    if (at >= 511) corrupt("a property entry points past its page", page_at + at);
                    if (paragraphs) {  // PapxInFkp: cb, or 0 and cb'
                        const std::size_t cb = u8(page, at);
                        if (cb != 0) len = 2 * cb - 1, at += 1;
                        else if (at + 1 < 511) len = 2 * std::size_t{u8(page, at + 1)}, at += 2;
                    } else {  // Chpx: cb, grpprl
                        len = u8(page, at);
                        at += 1;
                    }
                    if (at + len > 511) corrupt("a property entry runs past its page", page_at + at);
                    x.grpprl_at = static_cast<std::uint32_t>(page_at + at);
                    x.grpprl_len = static_cast<std::uint32_t>(len);
                }
                // Runs must go forward: one that does not is dropped, which keeps
                // the lookups linear (and no real file has one).
                if (x.begin >= x.end || (!out.empty() && x.begin < out.back().end)) {
                    ++skipped;
                    continue;
                }
                out.push_back(x);
            }
        }
        if (skipped > 0)
            out_.push_back({severity::warning, "doc.property_runs_skipped",
                            fmt::format("{} {} property runs out of order were ignored", skipped, paragraphs ? "paragraph" : "character"), {}});
        return out;
    }

    void charge(std::uint64_t n) {
        if (n > budget_) corrupt("property modifiers are referenced over and over (more than 16 times the file's size in all)");
        budget_ -= n;
    }

    // A piece's Prm: one sprm (Prm0, §2.9.215) or a grpprl of the Clx (Prm1).
    template <class F>
    void each_piece_prl(const piece& p, F&& f) {
        if (p.prm & 1) {
            const std::size_t i = p.prm >> 1;
            if (i >= prcs_.size()) return;
            charge(prcs_[i].size());
            each_prl(prcs_[i], f);
        } else if (const std::uint16_t sprm = prm0_sprm((p.prm >> 1) & 0x7F); sprm != 0) {
            const char op[2] = {static_cast<char>(p.prm >> 8), 0};
            f(sprm, std::string_view(op, 1));
        }
    }

    // Character properties at fc in piece p (cached per run and piece).
    const chp& chp_at(std::uint32_t fc, std::size_t p) {
        const std::ptrdiff_t r = chp_cursor_.find(fc);
        if (r == chp_run_ && p == chp_piece_) return chp_;
        chp_run_ = r;
        chp_piece_ = p;
        chp_ = chp{};
        if (r >= 0) {
            const run& x = chpx_runs_[static_cast<std::size_t>(r)];
            charge(x.grpprl_len + 1);
            each_prl(std::string_view(word_).substr(x.grpprl_at, x.grpprl_len), [&](std::uint16_t s, std::string_view op) { apply_chp(chp_, s, op); });
        }
        if (pieces_[p].prm != 0) each_piece_prl(pieces_[p], [&](std::uint16_t s, std::string_view op) { apply_chp(chp_, s, op); });
        return chp_;
    }

    // Paragraph properties for the paragraph mark at fc in piece p.
    pap pap_at(std::ptrdiff_t r, std::size_t p) {
        pap out;
        if (r >= 0) {
            const run& x = papx_runs_[static_cast<std::size_t>(r)];
            if (x.grpprl_len > 2) apply_papx(out, std::string_view(word_).substr(x.grpprl_at + 2, x.grpprl_len - 2), true);  // after the istd
        }
        if (pieces_[p].prm != 0) each_piece_prl(pieces_[p], [&](std::uint16_t s, std::string_view op) { apply_pap(out, s, op, false); });
        return out;
    }

    void apply_papx(pap& out, std::string_view grpprl, bool huge_allowed) {
        charge(grpprl.size() + 1);
        each_prl(grpprl, [&](std::uint16_t s, std::string_view op) { apply_pap(out, s, op, huge_allowed); });
    }

    void apply_pap(pap& out, std::uint16_t sprm, std::string_view op, bool huge_allowed) {
        switch (sprm) {
        case sprmPFInTable: out.in_table = flag(op); return;
        case sprmPFTtp: out.ttp = flag(op); return;
        case sprmPFInnerTableCell: out.inner_cell = flag(op); return;
        case sprmPFInnerTtp: out.inner_ttp = flag(op); return;
        case sprmPItap:
            if (op.size() >= 4) out.itap = static_cast<std::int32_t>(u32(op, 0)), out.itap_set = true;
            return;
        case sprmPDtap:
            if (op.size() >= 4) out.itap = static_cast<std::int32_t>(std::clamp<std::int64_t>(std::int64_t{out.itap} + static_cast<std::int32_t>(u32(op, 0)), -1, 1 << 20)), out.itap_set = true;
            return;
        case sprmPHugePapx:  // the real grpprl lives in the Data stream (PapxInData)
            if (huge_allowed && op.size() >= 4) apply_papx(out, huge_papx(u32(op, 0)), false);
            return;
        default: break;
        }
        if (((sprm >> 10) & 7u) == 5) apply_tap(out.row, sprm, op);
    }

    std::string_view huge_papx(std::uint32_t at) {
        if (!data_) {
            auto data = open_("Data");
            data_ = data ? take(std::move(*data)) : std::string();
            budget_ += 16 * std::uint64_t{data_->size()};
        }
        const std::string_view d = *data_;
        const std::string_view head = slice(d, at, 2, "a paragraph's properties in the Data stream");
        return slice(d, std::uint64_t{at} + 2, u16(head, 0), "a paragraph's properties in the Data stream");
    }

    // Table sprms (§2.6.3) that shape a row.
    void apply_tap(tap& t, std::uint16_t sprm, std::string_view op) {
        const std::size_t n = t.flags.size();
        charge(n + 1);
        auto range = [&](std::size_t& first, std::size_t& lim) {
            first = std::min<std::size_t>(op.size() > 0 ? u8(op, 0) : 0, n);
            lim = std::min<std::size_t>(op.size() > 1 ? u8(op, 1) : 0, n);
        };
        switch (sprm) {
        case sprmTDefTable: {  // cb(2) NumberOfColumns(1) rgdxaCenter(n+1 × 2) rgTc80(≤ n × 20)
            if (op.size() < 3) return;
            std::size_t cols = u8(op, 2);
            cols = std::min(cols, op.size() >= 5 ? (op.size() - 5) / 2 : 0);
            t.defined = true;
            t.edges.assign(cols + 1, 0);
            t.flags.assign(cols, 0);
            for (std::size_t k = 0; k <= cols; ++k) t.edges[k] = i16(op, 3 + 2 * k);
            const std::size_t tc = 3 + 2 * (cols + 1);
            for (std::size_t k = 0; k < cols && tc + 20 * k + 2 <= op.size(); ++k) t.flags[k] = u16(op, tc + 20 * k);
            return;
        }
        case sprmTInsert: {  // itcInsert, ctc, dxaCol: ctc new cells of width dxaCol
            if (op.size() < 4) return;
            if (t.edges.empty()) t.edges.push_back(0);
            const std::size_t at = std::min<std::size_t>(u8(op, 0), n);
            const std::size_t count = std::min<std::size_t>(u8(op, 1), max_tap_cells - std::min(n, max_tap_cells));
            const std::int32_t width = i16(op, 2);
            for (std::size_t k = at + 1; k < t.edges.size(); ++k) t.edges[k] += static_cast<std::int32_t>(count) * width;
            std::vector<std::int32_t> added(count);
            for (std::size_t k = 0; k < count; ++k) added[k] = t.edges[at] + static_cast<std::int32_t>(k + 1) * width;
            t.edges.insert(t.edges.begin() + static_cast<std::ptrdiff_t>(at + 1), added.begin(), added.end());
            t.flags.insert(t.flags.begin() + static_cast<std::ptrdiff_t>(at), count, std::uint16_t{0});
            t.defined = true;
            return;
        }
        case sprmTDelete: {  // cells [first, lim) go; the cell before takes their room
            std::size_t first = 0, lim = 0;
            range(first, lim);
            if (first >= lim) return;
            t.edges.erase(t.edges.begin() + static_cast<std::ptrdiff_t>(first), t.edges.begin() + static_cast<std::ptrdiff_t>(lim));
            t.flags.erase(t.flags.begin() + static_cast<std::ptrdiff_t>(first), t.flags.begin() + static_cast<std::ptrdiff_t>(lim));
            return;
        }
        case sprmTDxaCol: {  // cells [first, lim) become dxaCol wide, the rest moves
            if (op.size() < 4) return;
            std::size_t first = 0, lim = 0;
            range(first, lim);
            std::int32_t shift = 0;
            const std::int32_t width = i16(op, 2);
            for (std::size_t k = first; k < n; ++k) {
                const std::int32_t old = t.edges[k + 1] - t.edges[k];
                t.edges[k] += shift;
                if (k < lim) shift += width - old;
            }
            if (n > 0) t.edges[n] += shift;
            return;
        }
        case sprmTMerge:
        case sprmTSplit: {
            std::size_t first = 0, lim = 0;
            range(first, lim);
            for (std::size_t k = first; k < lim; ++k) {
                t.flags[k] = static_cast<std::uint16_t>(t.flags[k] & ~3u);
                if (sprm == sprmTMerge && lim - first > 1) t.flags[k] = static_cast<std::uint16_t>(t.flags[k] | (k == first ? 1u : 2u));
            }
            return;
        }
        case sprmTVertMerge:  // cb, itc, vertMerge (0 none, 1 continue, 3 restart)
            if (op.size() >= 3 && u8(op, 1) < n)
                t.flags[u8(op, 1)] = static_cast<std::uint16_t>((t.flags[u8(op, 1)] & ~(3u << 5)) | ((u8(op, 2) & 3u) << 5));
            return;
        case sprmTTableHeader: t.header = flag(op); return;
        default: return;
        }
    }

    // --- the main text, in CP order ---
    void text() {
        run_cursor papx(papx_runs_);
        std::string buf;           // the paragraph being read
        detail::le::utf16_decoder dec;
        location start;            // where it starts
        bool started = false;
        std::vector<bool> fields;  // open fields: true while in their code
        std::size_t in_code = 0;
        for (std::size_t p = 0; p < pieces_.size(); ++p) {
            const piece& pc = pieces_[p];
            const std::uint32_t end = std::min(pc.cp_end, ccp_text_);
            for (std::uint32_t cp = pc.cp_begin; cp < end; ++cp) {
                const std::uint32_t k = cp - pc.cp_begin;
                const std::uint32_t fc = pc.compressed ? pc.fc + k : pc.fc + 2 * k;
                const char16_t u = pc.compressed ? cp1252(u8(word_, fc)) : static_cast<char16_t>(u16(word_, fc));
                if (!started) {
                    start = location{};
                    start.offset = fc;
                    started = true;
                }
                const chp& c = chp_at(fc, p);
                switch (u) {
                case 0x13:
                    fields.push_back(true), ++in_code;
                    continue;
                case 0x14:
                    if (!fields.empty() && fields.back()) fields.back() = false, --in_code;
                    continue;
                case 0x15:
                    if (!fields.empty()) {
                        if (fields.back()) --in_code;
                        fields.pop_back();
                    }
                    continue;
                default: break;
                }
                const bool para_end = u == 0x0D || u == 0x07 || (u == 0x0C && ends_run(papx, fc, pc.compressed ? 1 : 2));
                if (para_end && !(u == 0x0D && c.deleted && !in_table_mark(papx, fc, p))) {
                    dec.flush(buf);
                    para q;
                    q.text = std::move(buf);
                    buf.clear();
                    q.at = start;
                    started = false;
                    paragraph_end(q, u, c.deleted, papx.find(fc), p);
                    continue;
                }
                if (c.deleted || in_code > 0) continue;
                emit(u, c, buf, dec);
            }
        }
        dec.flush(buf);
        if (!detail::trim(buf).empty()) {  // text after the last paragraph mark
            para q;
            q.text = std::move(buf);
            q.at = start;
            tables_.paragraph(q);
        }
    }

    // A section mark (0x0C) ends its paragraph when it is the run's last character.
    bool ends_run(run_cursor& c, std::uint32_t fc, std::uint32_t width) {
        const std::ptrdiff_t r = c.find(fc);
        return r >= 0 && papx_runs_[static_cast<std::size_t>(r)].end == fc + width;
    }

    // A deleted 0x0D joins the next paragraph, unless it closes a nested cell or row.
    bool in_table_mark(run_cursor& c, std::uint32_t fc, std::size_t p) {
        const pap a = pap_at(c.find(fc), p);
        return a.inner_cell || a.inner_ttp;
    }

    void paragraph_end(para& q, char16_t mark_char, bool mark_deleted, std::ptrdiff_t r, std::size_t p) {
        pap a = pap_at(r, p);
        std::int64_t level = a.itap_set ? a.itap : (a.in_table ? 1 : 0);
        if (a.in_table && level < 1) level = 1;
        q.level = static_cast<std::uint32_t>(std::clamp<std::int64_t>(level, 0, std::int64_t{opts_.lim.max_table_nesting} + 1));
        if (q.level > 0) {
            if (a.inner_ttp || (mark_char == 0x07 && a.ttp)) q.kind = mark::row_end;
            else if (a.inner_cell || mark_char == 0x07) q.kind = mark::cell_end;
        }
        if (q.kind == mark::row_end) {
            row_ = std::move(a.row);
            q.row = &row_;
            q.row_deleted = mark_deleted;
        }
        tables_.paragraph(q);
    }

    void emit(char16_t u, const chp& c, std::string& buf, detail::le::utf16_decoder& dec) {
        switch (u) {
        case 0x09: dec.put(u'\t', buf); return;
        case 0x0B:  // line break
        case 0x0C:  // page break inside a paragraph
        case 0x0E: dec.put(u'\n', buf); return;  // column break
        case 0x1E: dec.put(u'-', buf); return;   // non-breaking hyphen
        default: break;
        }
        if (c.symbol && c.special) {  // a character from a symbol font (sprmCSymbol)
            dec.flush(buf);
            append_utf8(buf, detail::symbol_char(font_name(c.symbol_font), c.symbol_char));
            return;
        }
        if (u >= 0xF020 && u <= 0xF0FF) {  // a symbol font's code typed as text in a run of that font
            dec.flush(buf);
            append_utf8(buf, detail::symbol_char(font_name(c.font), u));
            return;
        }
        if (u < 0x20) return;  // pictures, objects, footnote and annotation marks, the optional hyphen …
        dec.put(u, buf);
    }

    std::string_view font_name(std::uint16_t ftc) const { return ftc < fonts_.size() ? std::string_view(fonts_[ftc]) : std::string_view(); }

    static void append_utf8(std::string& out, char32_t cp) {
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0 || cp > 0x10FFFF) cp = U'\uFFFD';
        detail::append_utf8(out, cp);
    }

    const detail::stream_opener& open_;
    const read_options& opts_;
    diagnostics& out_;
    table_builder tables_;
    std::string word_, table_;
    std::optional<std::string> data_;
    bool which_table_ = false;
    std::uint32_t ccp_text_ = 0;
    std::size_t rgfclcb_ = 0, npairs_ = 0;
    std::uint64_t budget_ = 0;
    std::vector<std::string_view> prcs_;
    std::vector<piece> pieces_;
    std::vector<std::string> fonts_;
    std::vector<run> chpx_runs_, papx_runs_;
    run_cursor chp_cursor_{chpx_runs_};
    std::ptrdiff_t chp_run_ = -2;
    std::size_t chp_piece_ = 0;
    chp chp_;
    tap row_;
};

}  // namespace

result<raw_document> read_doc(std::string_view bytes, const read_options& opts, diagnostics& out, std::string& part) {
    auto cfb = detail::compound_file::open(bytes);
    if (!cfb) return cfb.err();
    detail::compound_file& f = cfb.value();
    if (f.has_stream("EncryptionInfo"))
        return error{errc::encrypted, "an encrypted (password-protected) Office file: cannot be read without its password", location{-1, -1, -1, 0, 0}, {}};
    if (!f.has_stream("WordDocument")) {
        if (f.has_stream("Workbook") || f.has_stream("Book"))
            return error{errc::unsupported, "an Excel 97-2003 workbook (.xls): not supported", location{-1, -1, -1, 0, 0}, {}};
        if (f.has_stream("PowerPoint Document"))
            return error{errc::unsupported, "a PowerPoint 97-2003 presentation (.ppt): not supported", location{-1, -1, -1, 0, 0}, {}};
        std::string names;
        for (const std::string& n : f.root_names()) names += (names.empty() ? "" : ", ") + n;
        return error{errc::unsupported, fmt::format("an OLE compound file with no WordDocument stream (it holds: {}): not a Word document", names),
                     location{-1, -1, -1, 0, 0}, {}};
    }
    part = "WordDocument";
    const detail::stream_opener open = [&f](std::string_view name) -> std::optional<result<std::string>> {
        if (!f.has_stream(name)) return std::nullopt;
        return f.read(name);
    };
    return detail::read_word(open, opts, out);
}

}  // namespace v0
}  // namespace jixiao

namespace jixiao::detail {

result<raw_document> read_word(const stream_opener& open, const read_options& opts, diagnostics& out) {
    raw_document doc;
    try {
        word_reader w(open, opts, out, doc);
        w.read();
    } catch (word_failure& e) {
        return std::move(e.e);
    }
    return doc;
}

}  // namespace jixiao::detail
