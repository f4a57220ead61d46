#include "io/atomic_file.h"

#include "math/error.h"
#include "math/random.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bp {

namespace {
constexpr std::size_t kBufferSize = 1 << 16;

std::string randomSuffix() {
    static std::atomic<std::uint64_t> counter{0};
    const auto now =
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    Random rng(now ^ (static_cast<std::uint64_t>(::getpid()) << 32) ^
               (counter++ * 0x9E3779B97F4A7C15u));
    static const char* chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string s;
    for (int i = 0; i < 6; ++i)
        s += chars[rng.below(36)];
    return s;
}

// The temporary files being written, in a fixed list a signal handler can read: a slot
// is 0 free, 1 being filled, 2 holding a path.
constexpr int kSlots = 16;
struct Unfinished {
    std::atomic<int> state{0};
    char path[4096];
};
Unfinished g_unfinished[kSlots];

int listUnfinished(const std::string& path) {
    if (path.size() >= sizeof g_unfinished[0].path)
        return -1;
    for (int i = 0; i < kSlots; ++i) {
        int free = 0;
        if (!g_unfinished[i].state.compare_exchange_strong(free, 1))
            continue;
        std::memcpy(g_unfinished[i].path, path.c_str(), path.size() + 1);
        g_unfinished[i].state.store(2, std::memory_order_release);
        return i;
    }
    return -1; // more than kSlots files at once: this one is not removed by a signal
}

void unlist(int slot) {
    if (slot >= 0)
        g_unfinished[slot].state.store(0, std::memory_order_release);
}

std::string parentDirectory(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}
} // namespace

AtomicFile::AtomicFile(std::string path, std::string what)
    : m_path(std::move(path)), m_what(std::move(what)) {
    // O_EXCL with a random name rather than mkstemp, so the file gets the usual
    // permissions (0666 less the umask) instead of 0600.
    for (int attempt = 0; m_fd < 0; ++attempt) {
        const std::string name = m_path + kTemporarySuffix + randomSuffix();
        m_fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd >= 0)
            m_tempPath = name;
        else if (errno != EEXIST || attempt == 100)
            fail("cannot create a temporary file next to it", errno);
    }
    m_slot = listUnfinished(m_tempPath);
    struct stat old {};
    if (::stat(m_path.c_str(), &old) == 0 && S_ISREG(old.st_mode))
        ::fchmod(m_fd, old.st_mode & 07777); // keep the permissions of the file replaced
    m_buffer.reserve(kBufferSize);
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_committed && !m_tempPath.empty())
        ::unlink(m_tempPath.c_str());
    unlist(m_slot);
}

void AtomicFile::fail(const std::string& step, int err) const {
    throw InputError(m_path, "cannot save the " + m_what + ": " + step + ": " +
                                 std::generic_category().message(err));
}

void AtomicFile::write(const char* data, std::size_t size) {
    m_buffer.append(data, size);
    if (m_buffer.size() >= kBufferSize)
        flushBuffer();
}

void AtomicFile::flushBuffer() {
    const char* p = m_buffer.data();
    std::size_t left = m_buffer.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail("cannot write " + m_tempPath, n < 0 ? errno : EIO);
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    m_buffer.clear();
}

void AtomicFile::commit() {
    flushBuffer();
    if (::fsync(m_fd) != 0)
        fail("cannot flush " + m_tempPath + " to disk", errno);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0)
        fail("cannot write " + m_tempPath, errno);
    if (::rename(m_tempPath.c_str(), m_path.c_str()) != 0)
        fail("cannot replace it with " + m_tempPath, errno);
    m_committed = true;
    unlist(m_slot);
    m_slot = -1;
    // Make the rename itself durable (best effort: not every file system allows it).
    const int dirFd = ::open(parentDirectory(m_path).c_str(), O_RDONLY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

void removeUnfinishedFiles() noexcept {
    for (Unfinished& u : g_unfinished)
        if (u.state.load(std::memory_order_acquire) == 2)
            ::unlink(u.path);
}

void writeFileAtomically(const std::string& path, const std::string& text,
                         const std::string& what) {
    AtomicFile file(path, what);
    file.write(text);
    file.commit();
}

} // namespace bp
