#pragma once
// How far the loading of a data file got, and a way to stop it: a plain callback, no
// Qt (the window feeds its progress bar and its Cancel button through it, a test or a
// tool passes a lambda; tiny-dnn's on_batch callbacks are the model).
//
// The callback gets the fraction of the load done, from 0 to 1, never decreasing, and
// 1 once the data is complete; it is called on the thread that loads, so it must be
// cheap and thread-safe towards whoever reads what it stores (an atomic). Returning
// false cancels: the reader stops within the next 64 KiB of the file and throws
// LoadCancelled (not an InputError: nothing is wrong with the file). A cancelled load
// returns no data, not even part of it.
//
// What the fraction counts: the bytes of the file read and then scanned by each pass
// of its reader (CSV: reading the file, the pass that learns its shape, the pass that
// stores the numbers; FANN: reading, one pass; IDX: the compressed bytes of the images
// and labels files consumed), each pass a fixed share of 0..1; prepareExperiment puts
// the data file, a test file and the split and normalisation after one another.
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>

namespace bp {

// Thrown by a reader (or prepareExperiment) whose LoadProgress callback returned false.
class LoadCancelled : public std::runtime_error {
public:
    LoadCancelled() : std::runtime_error("loading cancelled") {}
};

class LoadProgress {
public:
    using Callback = std::function<bool(double fraction)>; // false: stop loading

    LoadProgress() = default; // reports nowhere, never cancels
    explicit LoadProgress(Callback callback);

    // The stretch [from, to] of this progress: a reader reporting 0..1 on the part
    // reports from..to here. Parts share the callback (and its never-decreasing value).
    LoadProgress part(double from, double to) const;

    // Reports `fraction` of this part (clamped to 0..1, never below an earlier report);
    // throws LoadCancelled if the callback says stop.
    void report(double fraction) const;

    bool active() const { return m_state != nullptr; }

private:
    struct State {
        Callback callback;
        double last = 0.0; // the highest fraction reported (one loading thread)
    };
    std::shared_ptr<State> m_state;
    double m_from = 0.0;
    double m_to = 1.0;
};

// A pass over `total` bytes, reported as it goes: at(bytes) is a comparison, and
// reports (and so may throw LoadCancelled) once every kStep bytes.
class ByteProgress {
public:
    static constexpr std::size_t kStep = 64 * 1024;

    ByteProgress(const LoadProgress& progress, std::size_t total);

    void at(std::size_t bytes) {
        if (bytes >= m_next)
            reach(bytes);
    }
    void done() const { m_progress.report(1.0); }

private:
    void reach(std::size_t bytes);

    LoadProgress m_progress;
    std::size_t m_total;
    std::size_t m_next;
};

} // namespace bp
