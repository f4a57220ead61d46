#include "session/update_capture.h"

#include "session/worker_detail.h"

namespace bp {

template <typename T> void UpdateCapture<T>::copyBefore(const NetworkT<T>& net) {
    m_copyStart = Clock::now();
    detail::copyWeights(net, m_before);
}

template <typename T>
void UpdateCapture<T>::takeDifference(const NetworkT<T>& after, qint64 updateTime,
                                      long recordsAfter) {
    m_lastUpdate.resize(after.layers.size());
    for (std::size_t k = 0; k < after.layers.size(); ++k) // Δw(k) = w(k) after − before
        m_lastUpdate[k] =
            after.layers[k].w.template cast<Scalar>() - m_before[k].template cast<Scalar>();
    m_capturedAt = updateTime;
    m_recordsAfter = recordsAfter;
}

template <typename T> void UpdateCapture<T>::clear() {
    m_lastUpdate.clear();
    m_capturedAt = -1;
    m_recordsAfter = -1;
}

template class UpdateCapture<float>;
template class UpdateCapture<double>;

} // namespace bp
