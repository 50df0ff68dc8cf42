"""readaloud.engines"""
