-- ballot.lua — wrk script: PUT /polls/{id}/ballot, each request with the next
-- account's bearer token (prepared before the run) and a rotating ballot.
-- Environment: MW_TOKENS (file, one token a line), MW_BALLOT_PATH,
-- MW_BALLOT_BODIES (JSON bodies separated by ';'), MW_THREADS (wrk -t).

local next_tid = 0

-- Runs in the main state once per thread: give each thread its own start
-- so threads walk disjoint accounts.
function setup(thread)
	thread:set("tid", next_tid)
	next_tid = next_tid + 1
end

local tokens, bodies = {}, {}
local path, step, i

function init(args)
	local f = assert(io.open(os.getenv("MW_TOKENS"), "r"))
	for line in f:lines() do
		if #line > 0 then tokens[#tokens + 1] = line end
	end
	f:close()
	assert(#tokens > 0, "no tokens in MW_TOKENS")
	for b in string.gmatch(os.getenv("MW_BALLOT_BODIES"), "[^;]+") do
		bodies[#bodies + 1] = b
	end
	path = os.getenv("MW_BALLOT_PATH")
	step = tonumber(os.getenv("MW_THREADS") or "1")
	i = tid or 0
end

function request()
	local t = tokens[(i % #tokens) + 1]
	-- A new ballot body each round through the accounts, so every PUT
	-- really replaces the account's ballot.
	local b = bodies[(math.floor(i / #tokens) % #bodies) + 1]
	i = i + step
	return wrk.format("PUT", path, {
		["Authorization"] = "Bearer " .. t,
		["Content-Type"] = "application/json",
	}, b)
end
