"""readaloud.feed"""
