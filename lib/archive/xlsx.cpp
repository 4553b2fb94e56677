// XLSX output through libxlsxwriter: one sheet per flat table, header row in
// bold and frozen, an autofilter, columns sized to their contents. Written in
// libxlsxwriter's constant-memory mode: rows stream to temporary files, so
// memory does not grow with the archive.
#include "archive/writers.hpp"

#include "detail/utf8.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace jixiao {
inline namespace v0 {

namespace {

constexpr lxw_row_t max_rows = 1'048'576;  // Excel's limit, the header row included
constexpr std::size_t max_chars = 32'767;  // Excel's limit for one cell
constexpr double max_width = 60;           // columns wider than this wrap in Excel anyway

// `s` cut to at most `n` bytes at a code point boundary.
std::string_view cut_utf8(std::string_view s, std::size_t n) {
    if (s.size() <= n) return s;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

class xlsx_writer final : public archive_writer {
public:
    ~xlsx_writer() override {
        if (wb_) workbook_close(wb_);  // an unfinished workbook: close it so that its temporary files go
    }

    std::optional<error> open(const std::string& path) {
        path_ = path;
        lxw_workbook_options o{};
        o.constant_memory = LXW_TRUE;
        wb_ = workbook_new_opt(path.c_str(), &o);
        if (!wb_) return impl::io_error(fmt::format("{}: cannot create the workbook", path));
        header_ = workbook_add_format(wb_);
        format_set_bold(header_);
        for (const flat_table_def& t : flat_schema()) add_sheet(t, 1);
        return std::nullopt;
    }

    record prepare(conversion c) const override { return impl::rows_record(std::move(c)); }

    std::optional<error> write(const record& r) override {
        for (const flat_table_def& t : flat_schema()) {
            sheet& sh = sheets_[static_cast<std::size_t>(t.id)];
            for (const flat_row& row : r.rows[t.id]) {
                if (sh.next_row == max_rows) add_sheet(t, ++sh.part);  // continue on a new sheet
                lxw_col_t col = 0;
                if (t.level > 0) put_text(sh, col++, r.conv.path);
                for (const cell& c : row) put(sh, col++, c);
                ++sh.next_row;
            }
            if (sh.failed != LXW_NO_ERROR)
                return impl::io_error(fmt::format("{}: sheet {}: {}", path_, t.name, lxw_strerror(sh.failed)));
        }
        return std::nullopt;
    }

    std::optional<error> close() override {
        for (sheet& sh : sheets_) finish(sh);
        for (sheet& sh : done_) finish(sh);
        const lxw_error e = workbook_close(wb_);
        wb_ = nullptr;
        if (e != LXW_NO_ERROR) return impl::io_error(fmt::format("{}: {}", path_, lxw_strerror(e)));
        return std::nullopt;
    }

private:
    struct sheet {
        lxw_worksheet* ws = nullptr;
        lxw_row_t next_row = 1;
        lxw_col_t cols = 0;
        int part = 1;
        std::vector<double> widths;
        lxw_error failed = LXW_NO_ERROR;
    };

    void add_sheet(const flat_table_def& t, int part) {
        sheet& sh = sheets_[static_cast<std::size_t>(t.id)];
        if (sh.ws) done_.push_back(sh);
        const std::string name = part == 1 ? std::string(t.name) : fmt::format("{} ({})", t.name, part);
        sh = sheet{};
        sh.part = part;
        sh.ws = workbook_add_worksheet(wb_, name.c_str());
        std::vector<std::string> headers;
        if (t.level > 0) headers.emplace_back("path");
        for (const column& c : t.columns) headers.emplace_back(c.name);
        sh.cols = static_cast<lxw_col_t>(headers.size());
        sh.widths.assign(headers.size(), 0);
        for (lxw_col_t c = 0; c < sh.cols; ++c) {
            worksheet_write_string(sh.ws, 0, c, headers[c].c_str(), header_);
            widen(sh, c, headers[c]);
        }
    }

    static void widen(sheet& sh, lxw_col_t col, std::string_view text) {
        // The widest line of the cell, in character widths (CJK counts two).
        double w = 0;
        std::size_t start = 0;
        for (;;) {
            const std::size_t nl = text.find('\n', start);
            const std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
            w = std::max(w, static_cast<double>(detail::display_width(cut_utf8(line, 400))));
            if (nl == std::string_view::npos) break;
            start = nl + 1;
        }
        sh.widths[col] = std::max(sh.widths[col], w);
    }

    void note(sheet& sh, lxw_error e) {
        if (e != LXW_NO_ERROR && sh.failed == LXW_NO_ERROR) sh.failed = e;
    }

    void put_text(sheet& sh, lxw_col_t col, std::string_view s) {
        const std::string text(cut_utf8(s, max_chars));
        note(sh, worksheet_write_string(sh.ws, sh.next_row, col, text.c_str(), nullptr));
        widen(sh, col, text);
    }

    // A number cell's exact decimal text as a double: from_chars reads it in place and
    // whatever the C locale says; out of a double's range, strtod's ±HUGE_VAL or 0.
    static double to_double(std::string_view s) {
        double v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc()) return v;
        return std::strtod(std::string(s).c_str(), nullptr);
    }

    void put(sheet& sh, lxw_col_t col, const cell& c) {
        switch (c.k) {
        case cell::kind::null: return;
        case cell::kind::integer:
            note(sh, worksheet_write_number(sh.ws, sh.next_row, col, static_cast<double>(c.i), nullptr));
            widen(sh, col, std::to_string(c.i));
            return;
        case cell::kind::number:
            note(sh, worksheet_write_number(sh.ws, sh.next_row, col, to_double(c.s), nullptr));
            widen(sh, col, c.s);
            return;
        case cell::kind::text: put_text(sh, col, c.s); return;
        }
    }

    void finish(sheet& sh) {
        if (!sh.ws) return;
        for (lxw_col_t c = 0; c < sh.cols; ++c)
            worksheet_set_column(sh.ws, c, c, std::min(max_width, sh.widths[c] + 2), nullptr);
        worksheet_freeze_panes(sh.ws, 1, 0);
        if (sh.cols > 0) worksheet_autofilter(sh.ws, 0, 0, sh.next_row - 1, static_cast<lxw_col_t>(sh.cols - 1));
        sh.ws = nullptr;
    }

    std::string path_;
    lxw_workbook* wb_ = nullptr;
    lxw_format* header_ = nullptr;
    std::array<sheet, flat_table_count> sheets_;
    std::vector<sheet> done_;  // full sheets a table continued from
};

}  // namespace

namespace impl {

result<std::unique_ptr<archive_writer>> open_xlsx(const std::string& path, const writer_options&) {
    auto w = std::make_unique<xlsx_writer>();
    if (auto e = w->open(path)) return *e;
    return std::unique_ptr<archive_writer>(std::move(w));
}

}  // namespace impl

}  // namespace v0
}  // namespace jixiao
