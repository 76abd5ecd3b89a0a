# test_ssh_secrets.py — a password typed into a session does not stay in the
# client's memory once it is sent (line mode and full UI through the
# gateway, memory scanned as root), and the client is not dumpable; the host
# key's secret is not in the client and only once in the gateway child.
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from mwtest import SSH_OPTS, Failure, check, finish, sanitized, with_real_client  # noqa: E402

PW = b"moderation-passwort"


def scan(pid, needle):
	"""How often needle is in the readable memory of pid."""
	hits = 0
	with open("/proc/%d/maps" % pid) as f:
		maps = f.read().splitlines()
	with open("/proc/%d/mem" % pid, "rb") as m:
		for line in maps:
			rng, perm = line.split()[:2]
			if "r" not in perm:
				continue
			a, b = (int(x, 16) for x in rng.split("-"))
			try:
				m.seek(a)
				hits += m.read(b - a).count(needle)
			except (OSError, OverflowError, ValueError):
				pass
	return hits


def ed25519_seed(path):
	"""The 32 secret bytes of an unencrypted OpenSSH ed25519 key file."""
	import base64
	import struct
	text = open(path).read()
	blob = base64.b64decode("".join(l for l in text.splitlines() if not l.startswith("-----")))
	pos = len(b"openssh-key-v1\0")

	def string():
		nonlocal pos
		n = struct.unpack(">I", blob[pos:pos + 4])[0]
		pos += 4 + n
		return blob[pos - n:pos]
	string(), string(), string()
	pos += 4  # number of keys
	string()  # public key
	priv = string()
	pos = 8  # check integers
	blob = priv
	string()  # key type
	string()  # public part
	return string()[:32]


def rsa_exponent(path):
	"""The private exponent of an unencrypted PKCS#8 RSA key file (DER read by hand)."""
	import base64
	der = base64.b64decode("".join(l for l in open(path).read().splitlines() if not l.startswith("-----")))

	def tlv(pos):
		"""Tag, start of the value and its end, of the DER element at pos."""
		tag, n = der[pos], der[pos + 1]
		pos += 2
		if n & 0x80:
			k = n & 0x7f
			n = int.from_bytes(der[pos:pos + k], "big")
			pos += k
		return tag, pos, pos + n
	_, pos, _ = tlv(0)  # PrivateKeyInfo
	for _ in range(2):  # version, algorithm
		pos = tlv(pos)[2]
	_, pos, _ = tlv(pos)  # OCTET STRING
	_, pos, _ = tlv(pos)  # RSAPrivateKey
	for _ in range(3):  # version, n, e
		pos = tlv(pos)[2]
	_, a, b = tlv(pos)
	return der[a:b].lstrip(b"\0")


def client_pid(srv, user):
	"""The client of the session whose gateway child is the newest."""
	out = subprocess.run(["ps", "-eo", "pid=,ppid=,comm="], capture_output=True, text=True).stdout
	gws = [int(p) for p, pp, _ in (l.split(None, 2) for l in out.splitlines()) if int(pp) == srv.proc.pid]
	kids = [int(p) for p, pp, comm in (l.split(None, 2) for l in out.splitlines())
			if int(pp) in gws and comm.strip() == "mitwirkung"]
	return max(kids) if kids else None


def check_client(srv, what):
	pid = None
	deadline = time.time() + 5
	while pid is None and time.time() < deadline:
		pid = client_pid(srv, what)
		time.sleep(0.05)
	if not check(pid is not None, "%s: the client process is found" % what):
		return
	if sanitized():
		# Dumpable for the leak check, and terabytes of shadow memory
		# mapped: nothing to scan.
		print("# sanitizer build: the client stays dumpable; its memory is not scanned")
		return
	check(os.stat("/proc/%d/mem" % pid).st_uid == 0 and os.stat("/proc/%d" % pid).st_uid != 0,
		  "%s: the client is not dumpable (its /proc files belong to root)" % what)
	n = scan(pid, PW)
	check(n == 0, "%s: the password is not in the client's memory after the login (%d copies)" % (what, n))
	seed = ed25519_seed(os.path.join(srv.work.keys, "ssh_host_ed25519_key"))
	n = scan(pid, seed)
	check(len(seed) == 32 and n == 0, "%s: the host's private key is not in the client's memory" % what)
	# OpenSSL keeps a number in machine byte order: look for both.
	d = rsa_exponent(os.path.join(srv.work.keys, "ssh_host_rsa_key"))
	n = scan(pid, d) + scan(pid, d[::-1])
	check(len(d) > 300 and n == 0, "%s: the RSA host key is not in the client's memory" % what)
	gw = int(open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()[1])
	# libssh 0.10 signs the key exchange in the gateway child (see
	# mitwirkung-sshd(8), HOST KEYS): its session's copy is the only one.
	n = scan(gw, seed)
	check(n == 1, "%s: the gateway child holds one copy of the ed25519 host key's secret, the "
		  "session's (not the listener's or the bind's)" % what, "%d copies" % n)
	n = scan(gw, d) + scan(gw, d[::-1])
	check(n == 1, "%s: and one copy of the RSA host key's private exponent" % what, "%d copies" % n)


def test_line(srv):
	cmd = ["ssh", "-T"] + SSH_OPTS + ["-p", str(srv.port), "text@127.0.0.1"]
	p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
	try:
		p.stdin.write(b"login\nmoderation\n" + PW + b"\n3\n")
		p.stdin.flush()
		got = b""
		deadline = time.time() + 20
		os.set_blocking(p.stdout.fileno(), False)
		while b"Logged in as" not in got and time.time() < deadline:
			b = p.stdout.read()
			if b:
				got += b
			time.sleep(0.05)
		check(b"Logged in as" in got, "line mode: logged in through ssh", got[-300:])
		check_client(srv, "line mode")
	finally:
		p.kill()
		p.wait()


def test_full(srv, tmp):
	from test_ssh_e2e import make_ssh_client
	c = make_ssh_client(srv.port, None)(None, tmp, 80, 24, name="secret")
	try:
		c.wait_text("Projects", timeout=20)
		c.keys("l")
		c.wait_text("Password")
		c.type("moderation")
		c.keys("Tab")
		c.type(PW.decode())
		c.keys("Enter")
		ok = True
		try:
			c.wait_text("Logged in as", timeout=20)
		except Failure as e:
			ok = False
			print(e)
		check(ok, "full UI: logged in through ssh -tt")
		check_client(srv, "full UI")
	finally:
		c.close()


def main():
	if os.geteuid() != 0:
		print("# not root: another uid's memory cannot be read; nothing to test")
		finish()

	def body(srv, api, work, tmp):
		test_line(srv)
		test_full(srv, tmp)
	with_real_client("secrets", body)


if __name__ == "__main__":
	main()
