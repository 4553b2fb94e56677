// An OLE2 compound file ([MS-CFB]): checked by us, read by libgsf.
//
// The check walks, with loop detection and bounds, every structure libgsf's
// GsfInfileMSOle touches when it opens a file and one of its streams:
//  - the header (§2.2): signature, version 3 (512-byte sectors) or 4 (4096),
//    mini sectors of 64 bytes, the 4096-byte mini stream cutoff, FAT and DIFAT
//    counts the file has room for;
//  - the DIFAT (§2.5): exactly the declared number of DIFAT sectors, no loop;
//  - the FAT (§2.3) and mini FAT (§2.4): every entry a sector the table can
//    hold or one of the markers libgsf knows (free, end of chain, FAT, DIFAT);
//  - the directory (§2.6): its chain, then the red-black tree from the root,
//    iteratively, each entry reached once, with sound names, types and links,
//    stream sizes no larger than the file, and bounded depth and fan-out;
//  - the sector chain of each stream read, to its end-of-chain mark: no loop,
//    every sector the stream needs inside the file.
// libgsf then extracts the bytes of what was checked.
#include "read/doc/cfb.hpp"

#include "read/doc/binary.hpp"

#include <fmt/format.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input-proxy.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace jixiao::detail {

namespace {

constexpr std::uint32_t free_sect = 0xFFFFFFFF;
constexpr std::uint32_t end_of_chain = 0xFFFFFFFE;
constexpr std::uint32_t difat_sect = 0xFFFFFFFC;  // the smallest marker libgsf accepts in a FAT
constexpr std::uint32_t no_stream = 0xFFFFFFFF;
constexpr std::uint32_t mini_sector = 64;
constexpr std::uint32_t mini_cutoff = 4096;
constexpr std::size_t header_size = 512;
constexpr std::size_t entry_size = 128;

enum : std::uint8_t { type_storage = 1, type_stream = 2, type_root = 5 };

using le::u16;
using le::u32;
using le::u64;

error corrupt(std::string msg, std::uint64_t offset = location::npos) {
    error e;
    e.code = errc::compound_file_corrupt;
    e.message = "compound file: " + std::move(msg);
    e.at.offset = offset;
    return e;
}

// Internal failure, caught at the public boundary.
struct cfb_failure {
    error e;
};
[[noreturn]] void fail(std::string msg, std::uint64_t offset = location::npos) { throw cfb_failure{corrupt(std::move(msg), offset)}; }

// GObject type registration in libgsf (GSF_CLASS) is not thread-safe: the
// first use of each type registers it. Register them all once, up front.
void init_libgsf() {
    static std::once_flag once;
    std::call_once(once, [] {
        (void)gsf_input_get_type();
        (void)gsf_infile_get_type();
        (void)gsf_input_memory_get_type();
        (void)gsf_input_proxy_get_type();
        (void)gsf_infile_msole_get_type();
    });
}

struct entry {
    std::string name;  // UTF-8
    std::uint8_t type = 0;
    std::uint32_t left = no_stream, right = no_stream, child = no_stream;
    std::uint32_t start = end_of_chain;
    std::uint64_t size = 0;
};

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto low = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
               return low(x) == low(y);
           });
}

struct gobject_unref {
    void operator()(void* p) const noexcept {
        if (p != nullptr) g_object_unref(p);
    }
};

}  // namespace

struct compound_file::impl {
    std::string_view bytes;
    std::uint32_t ssz = 512;     // sector size
    std::uint64_t nsect = 0;     // sectors the file holds, the last one possibly partial
    std::vector<std::uint32_t> fat;
    std::vector<std::uint32_t> minifat;
    std::vector<entry> entries;
    std::vector<std::uint32_t> root_children;
    bool ministream_checked = false;
    std::unique_ptr<GsfInput, gobject_unref> input;
    std::unique_ptr<GsfInfile, gobject_unref> infile;

    std::uint64_t sector_offset(std::uint32_t s) const { return (std::uint64_t{s} + 1) * ssz; }
    // The first `need` bytes of sector s lie inside the file.
    bool in_file(std::uint32_t s, std::uint64_t need) const { return s < nsect && sector_offset(s) + need <= bytes.size(); }
    std::string_view sector(std::uint32_t s) const { return bytes.substr(static_cast<std::size_t>(sector_offset(s)), ssz); }

    // Follows a chain in `table` from `start` to its end-of-chain mark.
    std::vector<std::uint32_t> chain(const std::vector<std::uint32_t>& table, std::uint32_t start, const char* what) const {
        std::vector<std::uint32_t> out;
        std::uint32_t s = start;
        while (s != end_of_chain) {
            if (s >= table.size())
                fail(s >= difat_sect ? fmt::format("the sector chain of {} ends without an end-of-chain mark (0x{:08X})", what, s)
                                     : fmt::format("the sector chain of {} points past the allocation table (sector {})", what, s));
            if (out.size() >= table.size()) fail(fmt::format("the sector chain of {} loops", what));
            out.push_back(s);
            s = table[s];
        }
        return out;
    }

    void header() {
        if (bytes.size() < header_size) fail(fmt::format("{} bytes, shorter than its 512-byte header", bytes.size()), 0);
        const std::uint16_t major = u16(bytes, 0x1A);
        const std::uint16_t shift = u16(bytes, 0x1E);
        if (u16(bytes, 0x1C) != 0xFFFE) fail("the header's byte order mark is not FFFE", 0x1C);
        if (!((major == 3 && shift == 9) || (major == 4 && shift == 12)))
            fail(fmt::format("version {} with sectors of 2^{} bytes (3 with 512 or 4 with 4096 expected)", major, shift), 0x1A);
        if (u16(bytes, 0x20) != 6) fail(fmt::format("mini sectors of 2^{} bytes (64 expected)", u16(bytes, 0x20)), 0x20);
        if (u32(bytes, 0x38) != mini_cutoff) fail(fmt::format("a mini stream cutoff of {} (4096 expected)", u32(bytes, 0x38)), 0x38);
        ssz = 1u << shift;
        nsect = bytes.size() > ssz ? (bytes.size() - ssz + ssz - 1) / ssz : 0;
    }

    void read_fat() {
        const std::uint32_t num_fat = u32(bytes, 0x2C);
        const std::uint32_t num_difat = u32(bytes, 0x48);
        const std::uint32_t per = ssz / 4;
        if (num_fat == 0 || num_fat > nsect)
            fail(fmt::format("the header declares {} FAT sectors, the file has room for {}", num_fat, nsect), 0x2C);
        if (num_difat > nsect) fail(fmt::format("the header declares {} DIFAT sectors, the file has room for {}", num_difat, nsect), 0x48);
        std::vector<std::uint32_t> fat_sectors;
        fat_sectors.reserve(num_fat);
        for (std::uint32_t i = 0; i < 109 && fat_sectors.size() < num_fat; ++i) fat_sectors.push_back(u32(bytes, 0x4C + 4 * i));
        // The DIFAT chain: exactly num_difat sectors, each listing per-1 FAT
        // sectors and the next DIFAT sector (libgsf reads it this way).
        std::uint32_t d = u32(bytes, 0x44);
        std::vector<bool> seen(static_cast<std::size_t>(nsect));
        for (std::uint32_t k = 0; k < num_difat; ++k) {
            if (!in_file(d, ssz)) fail(fmt::format("DIFAT sector {} is past the end of the file", d));
            if (seen[d]) fail("the DIFAT chain loops", sector_offset(d));
            seen[d] = true;
            const std::string_view s = sector(d);
            const std::size_t left = num_fat - fat_sectors.size();
            const bool last = k + 1 == num_difat;
            if (last ? left > per - 1 : left < per - 1)
                fail("the DIFAT does not match the header's count of FAT sectors", sector_offset(d));
            for (std::uint32_t i = 0; i < per - 1 && fat_sectors.size() < num_fat; ++i) fat_sectors.push_back(u32(s, 4 * i));
            d = u32(s, 4 * (per - 1));
        }
        if (fat_sectors.size() != num_fat) fail("the header declares more FAT sectors than its DIFAT lists", 0x2C);

        const std::uint64_t capacity = std::uint64_t{num_fat} * per;
        fat.reserve(static_cast<std::size_t>(capacity));
        for (std::uint32_t f : fat_sectors) {
            if (f == free_sect) {  // libgsf reads an unused DIFAT slot as a sector of free entries
                fat.insert(fat.end(), per, free_sect);
                continue;
            }
            if (!in_file(f, ssz)) fail(fmt::format("FAT sector {} is past the end of the file", f));
            const std::string_view s = sector(f);
            for (std::uint32_t i = 0; i < per; ++i) {
                const std::uint32_t next = u32(s, 4 * i);
                if (next >= capacity && next < difat_sect)
                    fail(fmt::format("a FAT entry points to sector {}, past the {} the FAT can hold", next, capacity), sector_offset(f) + 4 * i);
                fat.push_back(next);
            }
        }
    }

    void read_minifat() {
        const std::uint32_t start = u32(bytes, 0x3C);
        const std::uint32_t count = u32(bytes, 0x40);
        if (count == 0) {
            if (start != end_of_chain && start != free_sect) fail("the header declares no mini FAT sectors but points to one", 0x3C);
            return;
        }
        if (count > nsect) fail(fmt::format("the header declares {} mini FAT sectors, the file has room for {}", count, nsect), 0x40);
        const std::vector<std::uint32_t> sectors = chain(fat, start, "the mini FAT");
        const std::uint64_t capacity = std::uint64_t{sectors.size()} * (ssz / 4);
        minifat.reserve(static_cast<std::size_t>(capacity));
        for (std::uint32_t m : sectors) {
            if (!in_file(m, ssz)) fail(fmt::format("mini FAT sector {} is past the end of the file", m));
            const std::string_view s = sector(m);
            for (std::uint32_t i = 0; i < ssz / 4; ++i) {
                const std::uint32_t next = u32(s, 4 * i);
                if (next >= capacity && next < difat_sect)
                    fail(fmt::format("a mini FAT entry points to mini sector {}, past the {} it can hold", next, capacity), sector_offset(m) + 4 * i);
                minifat.push_back(next);
            }
        }
    }

    void read_directory() {
        const std::vector<std::uint32_t> sectors = chain(fat, u32(bytes, 0x30), "the directory");
        if (sectors.empty()) fail("the directory is empty", 0x30);
        const bool v3 = ssz == 512;
        std::vector<std::uint64_t> where;
        for (std::uint32_t d : sectors) {
            if (!in_file(d, ssz)) fail(fmt::format("directory sector {} is past the end of the file", d));
            const std::string_view s = sector(d);
            for (std::size_t off = 0; off + entry_size <= ssz; off += entry_size) {
                const std::string_view raw = s.substr(off, entry_size);
                entry e;
                e.type = static_cast<std::uint8_t>(raw[0x42]);
                e.left = u32(raw, 0x44);
                e.right = u32(raw, 0x48);
                e.child = u32(raw, 0x4C);
                e.start = u32(raw, 0x74);
                e.size = v3 ? u32(raw, 0x78) : u64(raw, 0x78);  // version 3 files may leave garbage in the high half
                const std::uint16_t len = u16(raw, 0x40);
                if (len >= 2 && len <= 64 && len % 2 == 0) {
                    le::utf16_decoder dec;
                    for (std::size_t i = 0; i + 2 < len; i += 2) dec.put(static_cast<char16_t>(u16(raw, i)), e.name);
                    dec.flush(e.name);
                }
                entries.push_back(std::move(e));
                where.push_back(sector_offset(d) + off);
                if (entries.size() > std::uint64_t{cfb_bounds::max_entries} * 64) fail("the directory is larger than any Office file's");
            }
        }
        walk_tree(where);
    }

    // The tree from the root, iteratively: each entry once, bounded depth and fan-out.
    void walk_tree(const std::vector<std::uint64_t>& where) {
        struct item {
            std::uint32_t id, parent, depth;
        };
        std::vector<bool> seen(entries.size());
        std::vector<std::uint32_t> siblings(entries.size());
        std::vector<item> todo{{0, no_stream, 0}};
        std::uint32_t reached = 0;
        while (!todo.empty()) {
            const item it = todo.back();
            todo.pop_back();
            if (it.id == no_stream) continue;
            if (it.id >= entries.size()) fail(fmt::format("a directory link points to entry {}, past the {} entries", it.id, entries.size()));
            const std::uint64_t at = where[it.id];
            if (seen[it.id]) fail(fmt::format("directory entry {} is reached twice (the tree loops)", it.id), at);
            seen[it.id] = true;
            if (++reached > cfb_bounds::max_entries) fail(fmt::format("more than {} directory entries", cfb_bounds::max_entries), at);
            if (it.depth > cfb_bounds::max_depth) fail(fmt::format("the directory tree is more than {} links deep", cfb_bounds::max_depth), at);
            const entry& e = entries[it.id];
            const std::string_view raw = bytes.substr(static_cast<std::size_t>(at), entry_size);
            const std::uint16_t len = u16(raw, 0x40);
            if (len < 2 || len > 64 || len % 2 != 0 || u16(raw, len - 2) != 0)
                fail(fmt::format("directory entry {} has a malformed name", it.id), at + 0x40);
            if (it.id == 0 ? e.type != type_root : (e.type != type_storage && e.type != type_stream))
                fail(fmt::format("directory entry {} has type {}", it.id, e.type), at + 0x42);
            if (e.type == type_stream) {
                if (e.size > bytes.size())
                    fail(fmt::format("stream \"{}\" declares {} bytes, more than the file's {}", e.name, e.size, bytes.size()), at + 0x78);
                if (e.child != no_stream) fail(fmt::format("stream \"{}\" has children", e.name), at + 0x4C);
            }
            if (it.parent != no_stream) {
                if (++siblings[it.parent] > cfb_bounds::max_siblings)
                    fail(fmt::format("a storage holds more than {} entries", cfb_bounds::max_siblings), at);
                if (it.parent == 0) root_children.push_back(it.id);
                todo.push_back({e.left, it.parent, it.depth + 1});
                todo.push_back({e.right, it.parent, it.depth + 1});
            } else if (e.left != no_stream || e.right != no_stream) {
                fail("the root entry has siblings", at + 0x44);
            }
            if (e.type != type_stream) todo.push_back({e.child, it.id, it.depth + 1});
        }
    }

    // The root entry's chain holds the mini stream (§2.6.2).
    void check_ministream() {
        if (ministream_checked) return;
        const entry& root = entries[0];
        const std::vector<std::uint32_t> c = chain(fat, root.start, "the mini stream");
        check_covers(c, root.size, ssz, "the mini stream");
        ministream_checked = true;
    }

    // The chain holds `size` bytes in sectors of `unit`, each inside the file
    // (or, for mini sectors, inside the mini stream).
    void check_covers(const std::vector<std::uint32_t>& c, std::uint64_t size, std::uint32_t unit, const std::string& what) const {
        const std::uint64_t need = (size + unit - 1) / unit;
        for (std::uint64_t k = 0; k < std::min<std::uint64_t>(need, c.size()); ++k) {
            const std::uint64_t n = std::min<std::uint64_t>(unit, size - k * unit);
            const bool ok = unit == ssz ? in_file(c[k], n) : std::uint64_t{c[k]} * unit + n <= entries[0].size;
            if (!ok) fail(fmt::format("{}: sector {} of its chain is past the end of the {}", what, c[k], unit == ssz ? "file" : "mini stream"));
        }
        if (c.size() < need) fail(fmt::format("{} holds {} bytes but its chain only {} sectors of {}", what, size, c.size(), unit));
    }

    void check_stream(const entry& e) {
        const std::string what = fmt::format("stream \"{}\"", e.name);
        if (e.size < mini_cutoff) {
            if (e.size == 0 && (e.start == end_of_chain || e.start == free_sect)) return;
            check_ministream();
            check_covers(chain(minifat, e.start, what.c_str()), e.size, mini_sector, what);
        } else {
            check_covers(chain(fat, e.start, what.c_str()), e.size, ssz, what);
        }
    }
};

bool compound_file::sniff(std::string_view bytes) noexcept {
    return bytes.size() >= 8 && std::memcmp(bytes.data(), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

result<compound_file> compound_file::open(std::string_view bytes) {
    auto p = std::make_unique<impl>();
    p->bytes = bytes;
    try {
        if (!sniff(bytes)) fail("no compound file signature", 0);
        p->header();
        p->read_fat();
        p->read_minifat();
        p->read_directory();
    } catch (cfb_failure& f) {
        return std::move(f.e);
    }
    return compound_file(std::move(p));
}

compound_file::compound_file(std::unique_ptr<impl> p) : p_(std::move(p)) {}
compound_file::compound_file(compound_file&&) noexcept = default;
compound_file& compound_file::operator=(compound_file&&) noexcept = default;
compound_file::~compound_file() = default;

bool compound_file::has_stream(std::string_view name) const {
    for (std::uint32_t id : p_->root_children)
        if (p_->entries[id].type == type_stream && same_name(p_->entries[id].name, name)) return true;
    return false;
}

std::vector<std::string> compound_file::root_names() const {
    std::vector<std::string> out;
    for (std::uint32_t id : p_->root_children) out.push_back(p_->entries[id].name);
    std::sort(out.begin(), out.end());
    return out;
}

result<std::string> compound_file::read(std::string_view name) {
    const entry* found = nullptr;
    try {
        for (std::uint32_t id : p_->root_children) {
            const entry& e = p_->entries[id];
            if (e.type != type_stream || !same_name(e.name, name)) continue;
            p_->check_stream(e);  // every stream of the name: libgsf picks one of them
            if (found == nullptr) found = &e;
        }
    } catch (cfb_failure& f) {
        return std::move(f.e);
    }
    if (found == nullptr) return corrupt(fmt::format("no stream \"{}\"", name));
    // An empty stream needs no sector, and its start may be anything: libgsf would still
    // follow it (and warn on stderr when it is not an end-of-chain mark).
    if (found->size == 0) return std::string();

    init_libgsf();
    if (!p_->infile) {
        p_->input.reset(gsf_input_memory_new(reinterpret_cast<const guint8*>(p_->bytes.data()), static_cast<gsf_off_t>(p_->bytes.size()), FALSE));
        if (!p_->input) throw std::bad_alloc();
        GError* err = nullptr;
        p_->infile.reset(gsf_infile_msole_new(p_->input.get(), &err));
        if (!p_->infile) {
            std::string msg = err != nullptr ? err->message : "unreadable";
            if (err != nullptr) g_error_free(err);
            return corrupt(fmt::format("libgsf cannot open it: {}", msg));
        }
    }
    std::unique_ptr<GsfInput, gobject_unref> child(gsf_infile_child_by_name(p_->infile.get(), found->name.c_str()));
    if (!child) return corrupt(fmt::format("libgsf cannot open stream \"{}\"", found->name));
    const gsf_off_t size = gsf_input_size(child.get());
    if (size < 0 || static_cast<std::uint64_t>(size) != found->size)
        return corrupt(fmt::format("stream \"{}\": libgsf sees {} bytes, the directory {}", found->name, size, found->size));
    std::string out(static_cast<std::size_t>(size), '\0');
    if (size > 0 && gsf_input_read(child.get(), static_cast<std::size_t>(size), reinterpret_cast<guint8*>(out.data())) == nullptr)
        return corrupt(fmt::format("stream \"{}\" cannot be read whole", found->name));
    return out;
}

}  // namespace jixiao::detail
