-- GET /api/profiles/{id}/matches, each of 200 seekers with their own token (a file of "id token" lines).
local seekers = {}
for line in io.lines("SEEKERS") do
  local id, token = line:match("^(%S+) (%S+)$")
  seekers[#seekers + 1] = { id, token }
end
local n = 0
request = function()
  n = n + 1
  local s = seekers[(n % #seekers) + 1]
  return wrk.format("GET", "/api/profiles/" .. s[1] .. "/matches", { ["Authorization"] = "Bearer " .. s[2] })
end
