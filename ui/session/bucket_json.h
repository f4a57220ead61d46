#pragma once
// The charts' history as JSON, for the autosave's "window" member: the per-record loss
// buckets and the epoch buckets (loss_buckets.h), each field by name. Reading checks
// every field and throws InputError(file, line, column, what was expected).
#include "io/json.h"
#include "session/loss_buckets.h"

#include <string>

namespace bp {

json::Value bucketsToJson(const std::vector<LossBucket>& losses,
                          const std::vector<EpochBucket>& epochs);
// Into `losses` and `epochs` (each cleared first); records and epochs must be in order.
void bucketsFromJson(const json::Value& v, const std::string& file, LossBuckets& losses,
                     EpochBuckets& epochs);

} // namespace bp
